using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Normative.Notebooks.Engine;
using Normative.Notebooks.Formatting;

namespace Normative.Notebooks.Runner;

/// <summary>
/// Runs a notebook headlessly, in process, over the same <see cref="ScriptSession"/> the kernel
/// uses: parameters injected after the cell tagged <c>parameters</c>, code cells in order (empty
/// ones and markdown skipped, as nbclient does), outputs, execution counts and nbclient's
/// timing metadata written into each cell, stopping at the first failing cell.
/// </summary>
public static class NotebookRunner
{
    /// <summary>Runs the notebook at <paramref name="path"/>; the returned notebook is not saved.</summary>
    public static Task<ExecutedNotebook> RunAsync(string path, IReadOnlyDictionary<string, string>? parameters = null, NotebookRunOptions? options = null, CancellationToken cancellationToken = default) =>
        RunAsync(NotebookDocument.Load(path), path, parameters, options, cancellationToken);

    /// <summary>Runs <paramref name="notebook"/> (changed in place) as if it were the file at <paramref name="path"/> (the base of relative paths).</summary>
    public static async Task<ExecutedNotebook> RunAsync(NotebookDocument notebook, string path, IReadOnlyDictionary<string, string>? parameters = null, NotebookRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        options ??= new NotebookRunOptions();
        var clock = Stopwatch.StartNew();
        var warnings = NotebookParameters.Inject(notebook, parameters ?? new Dictionary<string, string>());
        notebook.EnsureStandardMetadata();

        var cells = notebook.Cells;
        var codeCells = cells.Where(c => c.CellType == "code" && !string.IsNullOrWhiteSpace(c.Source)).ToList();
        foreach (var cell in cells) cell.ClearOutputs();

        using var session = new ScriptSession(new ScriptSessionOptions { NotebookPath = path });
        var results = new List<CellResult>();
        CellError? failure = null;
        for (var i = 0; i < codeCells.Count && failure == null; i++)
        {
            var cell = codeCells[i];
            options.OnCellStarting?.Invoke(i + 1, codeCells.Count, cell);
            var request = new CellRequest(cell.Source)
            {
                CellNumber = IndexOf(cells, cell) + 1,
                ExecutionCount = i + 1,
                Timeout = options.CellTimeout,
            };
            var result = await session.ExecuteAsync(request, cancellationToken).ConfigureAwait(false);
            Record(cell, result, request.ExecutionCount, options.StaticOutputs);
            results.Add(result);
            options.OnCellFinished?.Invoke(cell, result);
            failure = result.Error;
        }
        return new ExecutedNotebook { Notebook = notebook, CellResults = results, Failure = failure, Warnings = warnings, Elapsed = clock.Elapsed };
    }

    private static int IndexOf(IReadOnlyList<NotebookCell> cells, NotebookCell cell)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (ReferenceEquals(cells[i].Json, cell.Json)) return i;
        }
        return -1;
    }

    /// <summary>Writes outputs, count and nbclient's <c>metadata.execution</c> timestamps into the cell.</summary>
    private static void Record(NotebookCell cell, CellResult result, int executionCount, bool staticOutputs)
    {
        cell.Json["execution_count"] = executionCount;
        cell.Json["outputs"] = new JsonArray([.. result.Outputs.Select(o => (JsonNode?)(staticOutputs ? StaticOutput(o) : OutputJson.ToNbformat(o)))]);
        cell.Metadata["execution"] = new JsonObject
        {
            ["iopub.execute_input"] = Timestamp(result.Started),
            ["iopub.status.busy"] = Timestamp(result.Started),
            ["iopub.status.idle"] = Timestamp(result.Finished),
            ["shell.execute_reply"] = Timestamp(result.Finished),
        };
    }

    /// <summary>The output without <c>text/html</c> when its bundle also carries <c>image/png</c> (see <see cref="NotebookRunOptions.StaticOutputs"/>).</summary>
    private static JsonObject StaticOutput(CellOutput output)
    {
        var json = OutputJson.ToNbformat(output);
        if (json["data"] is JsonObject data && data.ContainsKey(MimeBundle.Png)) data.Remove(MimeBundle.Html);
        return json;
    }

    /// <summary>ISO 8601 in UTC with microseconds, as nbclient writes it.</summary>
    private static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
