namespace Normative.Notebooks.Runner;

/// <summary>Settings of a headless notebook run.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>Longest time one cell may run; null for no limit.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>
    /// Drop <c>text/html</c> from every output bundle that also carries <c>image/png</c> (figures),
    /// keeping the PNG and <c>text/plain</c>: for executed copies committed to a repository. GitHub
    /// prefers HTML over PNG but strips its scripts, so an interactive figure would show as nothing,
    /// and the HTML of a notebook's first figure carries plotly.js (~3.6 MB).
    /// </summary>
    public bool StaticOutputs { get; init; }

    /// <summary>Called before each code cell runs (position among code cells, their count, the cell).</summary>
    public Action<int, int, NotebookCell>? OnCellStarting { get; init; }

    /// <summary>Called after each code cell ran, with its result.</summary>
    public Action<NotebookCell, Engine.CellResult>? OnCellFinished { get; init; }
}
