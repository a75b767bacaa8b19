namespace Normative.Notebooks.Engine;

/// <summary>How a cell ended.</summary>
public enum CellStatus
{
    /// <summary>Ran to the end.</summary>
    Completed,

    /// <summary>Failed to compile or threw.</summary>
    Failed,

    /// <summary>Stopped by an interrupt.</summary>
    Interrupted,

    /// <summary>Ran past its time limit.</summary>
    TimedOut,
}

/// <summary>The outcome of one cell: status, outputs in order, error and timing.</summary>
public sealed record CellResult
{
    /// <summary>How the cell ended.</summary>
    public required CellStatus Status { get; init; }

    /// <summary>The outputs in the order they happened; consecutive text on one stream is joined.</summary>
    public required IReadOnlyList<CellOutput> Outputs { get; init; }

    /// <summary>The error when <see cref="Status"/> is not <see cref="CellStatus.Completed"/>.</summary>
    public CellError? Error { get; init; }

    /// <summary>When execution started (UTC).</summary>
    public required DateTimeOffset Started { get; init; }

    /// <summary>When execution finished (UTC).</summary>
    public required DateTimeOffset Finished { get; init; }

    /// <summary>Wall time of the cell, compilation included.</summary>
    public TimeSpan Elapsed => Finished - Started;

    /// <summary>Whether the cell ran to the end.</summary>
    public bool Succeeded => Status == CellStatus.Completed;
}
