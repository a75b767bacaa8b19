namespace Normative.Notebooks.Runner;

/// <summary>Settings of a headless notebook run.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>Longest time one cell may run; null for no limit.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>Called before each code cell runs (position among code cells, their count, the cell).</summary>
    public Action<int, int, NotebookCell>? OnCellStarting { get; init; }

    /// <summary>Called after each code cell ran, with its result.</summary>
    public Action<NotebookCell, Engine.CellResult>? OnCellFinished { get; init; }
}
