namespace Normative.Training;

/// <summary>How a model is optimised: epochs, Adam learning rate, mini-batch size and the seed of every
/// random draw in training (reparameterisation noise, component choice, batch order).</summary>
/// <remarks>The defaults are the package's <c>default</c> preset (<see cref="TrainingPresets.Default"/>,
/// which says how they were chosen): the one place those numbers are written.</remarks>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training subjects. Range: &gt;= 1.</summary>
    public int Epochs { get; init; } = 300;

    /// <summary>Adam learning rate. Range: &gt; 0.</summary>
    public double LearningRate { get; init; } = 1e-4;

    /// <summary>Subjects per mini-batch (the last batch of an epoch may be smaller). Range: &gt;= 1.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Seed of torch's generator and of the batch shuffling.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Torch intra-op threads while training (process-wide: torch has one pool). Default 1: the networks are
    /// small MLPs (64-32 units), so a thread pool costs more in synchronisation than it gains; measured on a
    /// loaded 2-core machine, 20 epochs of mmSIVAE took 2.9 s on 1 thread against 33 s on torch's default pool.
    /// Null leaves torch's setting alone. Range: &gt;= 1.
    /// </summary>
    public int? Threads { get; init; } = 1;

    /// <summary>Throws on values training cannot use.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Epochs, 1, nameof(Epochs));
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1, nameof(BatchSize));
        if (Threads is int threads) ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1, nameof(Threads));
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be positive and finite.");
    }
}
