namespace Normative.Training;

/// <summary>The per-epoch record of a training run.</summary>
public sealed class TrainingHistory
{
    public TrainingHistory(IReadOnlyList<EpochRecord> epochs) => Epochs = epochs;

    /// <summary>One record per finished epoch, in order.</summary>
    public IReadOnlyList<EpochRecord> Epochs { get; }

    /// <summary>The loss of each epoch.</summary>
    public IReadOnlyList<double> Losses => Epochs.Select(e => e.Loss).ToArray();

    /// <summary>The named term of each epoch (NaN where an epoch did not report it, e.g. warm-up epochs).</summary>
    public IReadOnlyList<double> Term(string name) =>
        Epochs.Select(e => e.Terms.TryGetValue(name, out var v) ? v : double.NaN).ToArray();

    /// <summary>Wall time of the whole run.</summary>
    public TimeSpan WallTime => Epochs.Count == 0 ? TimeSpan.Zero : Epochs[^1].Elapsed;
}
