namespace Normative.Experiments;

/// <summary>Choices of the latent-to-region mapping (paper §4.4, Fig 5).</summary>
public sealed record LatentToRegionOptions
{
    /// <summary>The grid method to map (a <see cref="MethodSpec.Key"/>); null = <see cref="FigureRun"/>'s default, mmSIVAE (MoPoE).</summary>
    public string? MethodKey { get; init; }

    /// <summary>A latent dimension is selected when its mean |Z_ml| over all patients exceeds this (paper: 1.96, two-sided p &lt; 0.05). Range: &gt;= 0.</summary>
    public double SelectionThreshold { get; init; } = 1.96;

    /// <summary>Benjamini-Hochberg level q within each modality x contrast (design §5: 0.05; the authors' code uses 0.1). Range: (0, 1).</summary>
    public double FdrLevel { get; init; } = 0.05;
}
