using System.CommandLine;
using Normative.Cli.Infrastructure;
using Normative.Notebooks.Runner;

namespace Normative.Cli.Commands;

/// <summary><c>normative notebook run</c>: executes a notebook headlessly over the notebook engine, no Python needed (design §7).</summary>
internal static class NotebookCommand
{
    internal static Command Create()
    {
        var command = new Command("notebook", "Work with the package's C# notebooks.\nExample: normative notebook run notebooks/01-cohort.ipynb -p Epochs=2");
        command.Subcommands.Add(Run());
        return command;
    }

    private static Command Run()
    {
        var notebook = new Argument<FileInfo>("notebook") { Description = "The .ipynb file to run." };
        var parameters = new Option<string[]>("--parameter", "-p")
        {
            Description = "Override a parameter of the cell tagged 'parameters' (papermill convention): Name=value; repeatable. " +
                "Numbers, true/false and \"quoted\" text are typed by their literal unless the parameters cell declares the type.",
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Where to write the executed copy (default: executed/<name>.ipynb next to the notebook)." };
        var timeout = new Option<double?>("--timeout") { Description = "Per-cell time limit in seconds (default: none)." };
        var command = new Command("run",
            "Run a notebook's code cells in order and write the executed copy with outputs and timings; exits non-zero at the first failing cell.\n" +
            "Example: normative notebook run notebooks/02-train.ipynb -p Epochs=2 -p Dataset=\"synthetic\" --out executed/02-train.ipynb --timeout 600");
        command.Arguments.Add(notebook);
        command.Options.Add(parameters);
        command.Options.Add(output);
        command.Options.Add(timeout);
        command.SetGuardedAction(async (parse, token) =>
        {
            var input = parse.GetValue(notebook)!;
            var outPath = parse.GetValue(output)?.FullName ?? Path.Combine(input.DirectoryName ?? ".", "executed", input.Name);
            var limit = parse.GetValue(timeout) is double seconds
                ? seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw new ArgumentException($"--timeout must be positive seconds; got {seconds}.")
                : (TimeSpan?)null;
            var options = new NotebookRunOptions
            {
                CellTimeout = limit,
                OnCellStarting = (k, n, _) => Console.Write($"[{k}/{n}] "),
                OnCellFinished = (cell, result) => Console.WriteLine($"cell {cell.Id}: {result.Status} ({result.Elapsed.TotalSeconds:0.00} s)"),
            };
            var executed = await NotebookRunner.RunAsync(input.FullName, NotebookParameters.ParseAssignments(parse.GetValue(parameters) ?? []), options, token).ConfigureAwait(false);
            foreach (var warning in executed.Warnings) Console.Error.WriteLine($"warning: {warning}");
            executed.Save(outPath);
            if (executed.Failure is { } failure)
                throw new NotebookFailedException($"{failure} (executed copy with outputs up to the failing cell: {outPath})");
            Console.WriteLine($"Ran {executed.CellResults.Count} code cells of {input.Name} in {executed.Elapsed.TotalSeconds:0.0} s; wrote {outPath}");
            return 0;
        });
        return command;
    }

    /// <summary>A cell of the notebook failed; the message gives notebook, cell, line and exception.</summary>
    private sealed class NotebookFailedException(string message) : Exception(message);
}
