namespace Normative.Models;

/// <summary>Options of <see cref="Jnf"/>: the stage schedule, the flows, and the samplers used at scoring.</summary>
public record JnfOptions : ModelOptions
{
    /// <summary>Epochs of stage 1 (the joint VAE); the remaining epochs train the unimodal flow posteriors.
    /// Null: the first half of the run, rounded up. Range: &gt;= 1.</summary>
    public int? JointEpochs { get; init; }

    /// <summary>MADE blocks K per unimodal flow (jnf-paper App. E: 2). Range: &gt;= 1.</summary>
    public int FlowBlocks { get; init; } = 2;

    /// <summary>Hidden widths of each MADE block.</summary>
    public IReadOnlyList<int> FlowHidden { get; init; } = [64, 64];

    /// <summary>Draws from a unimodal flow posterior whose mean and variance represent a subject with one
    /// modality. Range: &gt;= 2.</summary>
    public int PosteriorSamples { get; init; } = 256;

    /// <summary>HMC samples kept per chain for a subset posterior (Eq. 12); the paper uses 100. Range: &gt;= 2.</summary>
    public int HmcSamples { get; init; } = 100;

    /// <summary>HMC iterations discarded before collecting. Range: &gt;= 0.</summary>
    public int HmcBurnIn { get; init; } = 100;

    /// <summary>Leapfrog steps L per HMC iteration. Range: &gt;= 1.</summary>
    public int LeapfrogSteps { get; init; } = 10;

    /// <summary>Leapfrog step size eps. Range: &gt; 0.</summary>
    public double LeapfrogStepSize { get; init; } = 0.05;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        if (JointEpochs is { } joint) ArgumentOutOfRangeException.ThrowIfLessThan(joint, 1, nameof(JointEpochs));
        ArgumentOutOfRangeException.ThrowIfLessThan(FlowBlocks, 1, nameof(FlowBlocks));
        if (FlowHidden.Count == 0 || FlowHidden.Any(h => h < 1))
            throw new ArgumentException($"Flow widths [{string.Join(", ", FlowHidden)}] must be one or more positive integers.", nameof(FlowHidden));
        ArgumentOutOfRangeException.ThrowIfLessThan(PosteriorSamples, 2, nameof(PosteriorSamples));
        ArgumentOutOfRangeException.ThrowIfLessThan(HmcSamples, 2, nameof(HmcSamples));
        ArgumentOutOfRangeException.ThrowIfNegative(HmcBurnIn, nameof(HmcBurnIn));
        ArgumentOutOfRangeException.ThrowIfLessThan(LeapfrogSteps, 1, nameof(LeapfrogSteps));
        if (!(LeapfrogStepSize > 0) || double.IsInfinity(LeapfrogStepSize))
            throw new ArgumentOutOfRangeException(nameof(LeapfrogStepSize), LeapfrogStepSize, "The leapfrog step size must be positive and finite.");
    }
}
