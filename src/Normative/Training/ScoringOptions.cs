using Normative.Deviation;

namespace Normative.Training;

/// <summary>How subjects are scored.</summary>
public sealed record ScoringOptions
{
    /// <summary>Posterior mean (default) or a seeded sample.</summary>
    public LatentEstimate Latent { get; init; } = LatentEstimate.Mean;

    /// <summary>Seed of the sample when <see cref="Latent"/> is <see cref="LatentEstimate.Sample"/>.</summary>
    public int Seed { get; init; }

    /// <summary>Squared (default) or absolute per-region error.</summary>
    public RegionalErrorKind Error { get; init; } = RegionalErrorKind.Squared;

    /// <summary>Subjects per forward pass (memory bound only; results do not depend on it for the mean).</summary>
    public int BatchSize { get; init; } = 1024;
}
