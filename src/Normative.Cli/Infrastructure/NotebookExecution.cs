using Normative.Notebooks.Runner;

namespace Normative.Cli.Infrastructure;

/// <summary>
/// Runs one notebook headlessly and writes its executed copy, printing one line per cell: shared by
/// <c>notebook run</c> and <c>reproduce --notebooks</c>.
/// </summary>
internal static class NotebookExecution
{
    /// <summary>Runs <paramref name="input"/>, saves the executed copy to <paramref name="output"/> (also when a cell fails) and returns its wall time.</summary>
    /// <exception cref="NotebookFailedException">A cell failed; the message names notebook, cell, line and the executed copy.</exception>
    public static async Task<TimeSpan> RunAsync(string input, string output, IReadOnlyDictionary<string, string> parameters,
        TimeSpan? cellTimeout, bool staticOutputs, CancellationToken token)
    {
        var options = new NotebookRunOptions
        {
            CellTimeout = cellTimeout,
            StaticOutputs = staticOutputs,
            OnCellStarting = (k, n, _) => Console.Write($"[{k}/{n}] "),
            OnCellFinished = (cell, result) => Console.WriteLine($"cell {cell.Id}: {result.Status} ({result.Elapsed.TotalSeconds:0.00} s)"),
        };
        var executed = await NotebookRunner.RunAsync(input, parameters, options, token).ConfigureAwait(false);
        foreach (var warning in executed.Warnings) Console.Error.WriteLine($"warning: {warning}");
        executed.Save(output);
        if (executed.Failure is { } failure)
            throw new NotebookFailedException($"{failure} (executed copy with outputs up to the failing cell: {output})");
        Console.WriteLine($"Ran {executed.CellResults.Count} code cells of {Path.GetFileName(input)} in {executed.Elapsed.TotalSeconds:0.0} s; wrote {output}");
        return executed.Elapsed;
    }

    /// <summary>A cell of the notebook failed; the message gives notebook, cell, line and exception.</summary>
    internal sealed class NotebookFailedException(string message) : Exception(message);
}
