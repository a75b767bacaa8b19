namespace Normative.Experiments;

/// <summary>Choices of the latent-to-region mapping (paper §4.4, Fig 5).</summary>
public sealed record LatentToRegionOptions
{
    /// <summary>The grid method to map (a <see cref="MethodSpec.Key"/>); null = <see cref="FigureRun"/>'s default, mmSIVAE (MoPoE).</summary>
    public string? MethodKey { get; init; }

    /// <summary>The corrected procedure (default) or the paper's.</summary>
    public MappingProcedure Procedure { get; init; } = MappingProcedure.Corrected;

    /// <summary>
    /// The paper's procedure only: a latent dimension is selected when its mean |Z_ml| over all patients exceeds
    /// this (paper: 1.96). Range: &gt;= 0.
    /// </summary>
    public double SelectionThreshold { get; init; } = PaperLatentToRegionMapping.DefaultThreshold;

    /// <summary>
    /// Benjamini-Hochberg level q: of the dimension selection within each stage (corrected procedure) and of
    /// the regions within each modality x stage (design §5: 0.05; the authors' code uses 0.1). Range: (0, 1).
    /// </summary>
    public double FdrLevel { get; init; } = 0.05;

    /// <summary>Bootstrap replicates of the regional effects' confidence intervals (corrected procedure). Range: &gt;= 100.</summary>
    public int BootstrapReplicates { get; init; } = 2000;

    /// <summary>Seed of the bootstrap: the same seed gives the same intervals.</summary>
    public int BootstrapSeed { get; init; } = 20260216;

    /// <summary>Coverage of the confidence intervals. Range: (0, 1).</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Parses "corrected" or "paper" (case-insensitive), the <c>--mapping</c> option of <c>reproduce</c>.</summary>
    public static MappingProcedure ParseProcedure(string name) => name.Trim().ToLowerInvariant() switch
    {
        "corrected" => MappingProcedure.Corrected,
        "paper" => MappingProcedure.Paper,
        _ => throw new ArgumentException($"Unknown mapping procedure '{name}'; expected corrected or paper.", nameof(name)),
    };

    /// <summary>Throws on an option outside its range, naming it.</summary>
    internal void Validate()
    {
        if (!(SelectionThreshold >= 0))
            throw new ArgumentOutOfRangeException(nameof(SelectionThreshold), SelectionThreshold, "SelectionThreshold must be >= 0.");
        if (!(FdrLevel > 0 && FdrLevel < 1))
            throw new ArgumentOutOfRangeException(nameof(FdrLevel), FdrLevel, "FdrLevel must lie in (0, 1).");
        if (BootstrapReplicates < 100)
            throw new ArgumentOutOfRangeException(nameof(BootstrapReplicates), BootstrapReplicates, "BootstrapReplicates must be >= 100.");
        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
            throw new ArgumentOutOfRangeException(nameof(ConfidenceLevel), ConfidenceLevel, "ConfidenceLevel must lie in (0, 1).");
    }
}
