namespace Normative.Experiments;

/// <summary>Where a grid run is: the run being trained (1-based of <paramref name="TotalRuns"/>) and its epoch.</summary>
public sealed record GridProgress(int Run, int TotalRuns, string RunKey, int Epoch, int TotalEpochs, double Loss);
