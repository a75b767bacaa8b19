namespace Normative.Models;

/// <summary>Options of <see cref="Mmvm"/>: the Monte-Carlo sample count of the rate term.</summary>
public sealed record MmvmOptions : ModelOptions
{
    /// <summary>Samples S per subject and modality in the Monte-Carlo estimate of KL(q_m || h); the first
    /// also feeds the reconstruction. Range: &gt;= 1.</summary>
    public int KlSamples { get; init; } = 4;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(KlSamples, 1, nameof(KlSamples));
    }
}
