using Normative.Notebooks.Engine;

namespace Normative.Notebooks.Runner;

/// <summary>The outcome of a headless run: the executed notebook (outputs, counts, timings) and the first failure.</summary>
public sealed record ExecutedNotebook
{
    /// <summary>The notebook with outputs written into its cells.</summary>
    public required NotebookDocument Notebook { get; init; }

    /// <summary>The results of the code cells that ran, in order.</summary>
    public required IReadOnlyList<CellResult> CellResults { get; init; }

    /// <summary>The error of the cell that stopped the run, or null when every cell ran.</summary>
    public CellError? Failure { get; init; }

    /// <summary>Notes that did not stop the run (undeclared parameters, a missing parameters cell).</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>Wall time of the run, start-up of the session included.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>Whether every code cell ran without error.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>Writes the executed notebook to <paramref name="path"/>.</summary>
    public void Save(string path) => Notebook.Save(path);
}
