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
        var profile = new Option<string?>("--profile")
        {
            Description = "Start from a named set of overrides in profiles.json next to the notebook (notebooks/: 'test' = seconds, 'executed' = the committed copies); -p values win over it.",
        };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Where to write the executed copy (default: executed/<name>.ipynb next to the notebook)." };
        var timeout = new Option<double?>("--timeout") { Description = "Per-cell time limit in seconds (default: none)." };
        var staticOutputs = new Option<bool>("--static")
        {
            Description = "Keep figures as PNG only: drop text/html from outputs that also carry image/png (for executed copies committed to a repository; " +
                "GitHub strips the interactive HTML's scripts, and the first figure's HTML carries plotly.js, ~3.6 MB). Needs Chromium; checked before any cell runs. " +
                "Without --static, figures without Chromium are shown as HTML only.",
        };
        var command = new Command("run",
            "Run a notebook's code cells in order and write the executed copy with outputs and timings; exits non-zero at the first failing cell.\n" +
            "Example: normative notebook run notebooks/02-likelihood-ratio-table.ipynb --profile test\n" +
            "         normative notebook run notebooks/02-likelihood-ratio-table.ipynb -p Epochs=2 -p Sizes=\"40,12,12,12,12\" --out executed/02.ipynb --timeout 600 --static");
        command.Arguments.Add(notebook);
        command.Options.Add(parameters);
        command.Options.Add(profile);
        command.Options.Add(output);
        command.Options.Add(timeout);
        command.Options.Add(staticOutputs);
        command.SetGuardedAction(async (parse, token) =>
        {
            var input = parse.GetValue(notebook)!;
            if (parse.GetValue(staticOutputs))
                ToolPreflight.RequireChromium("--static keeps figures as PNG only");
            var outPath = parse.GetValue(output)?.FullName ?? Path.Combine(input.DirectoryName ?? ".", "executed", input.Name);
            var limit = parse.GetValue(timeout) is double seconds
                ? seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw new ArgumentException($"--timeout must be positive seconds; got {seconds}.")
                : (TimeSpan?)null;
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            if (parse.GetValue(profile) is { } name)
            {
                foreach (var (key, value) in NotebookProfiles.Load(input.DirectoryName ?? ".").For(NotebookDocument.Load(input.FullName), name)) values[key] = value;
            }
            foreach (var (key, value) in NotebookParameters.ParseAssignments(parse.GetValue(parameters) ?? [])) values[key] = value;
            await NotebookExecution.RunAsync(input.FullName, outPath, values,
                limit, parse.GetValue(staticOutputs), token).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
