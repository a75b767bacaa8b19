namespace Normative.Notebooks.Engine;

/// <summary>A cell to execute.</summary>
/// <param name="Code">The cell's source.</param>
public sealed record CellRequest(string Code)
{
    /// <summary>The cell's number in error locations (1-based position in the notebook, or the kernel's execution count).</summary>
    public int CellNumber { get; init; } = 1;

    /// <summary>The execution count attached to the cell's result.</summary>
    public int ExecutionCount { get; init; } = 1;

    /// <summary>Longest time the cell may run; null for no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Receives each output as it happens (a kernel streams them to the front end); may be null.</summary>
    public Action<CellOutput>? OnOutput { get; init; }
}
