namespace Normative.Experiments;

/// <summary>Where a grid run is: the run that just finished an epoch (1-based of <paramref name="TotalRuns"/>) and that epoch.</summary>
/// <param name="EpochsDone">Epochs finished over the whole grid (runs train in parallel, so <paramref name="Run"/> is not
/// a count of finished runs; this is what a progress bar shows).</param>
public sealed record GridProgress(int Run, int TotalRuns, string RunKey, int Epoch, int TotalEpochs, double Loss, long EpochsDone = 0);
