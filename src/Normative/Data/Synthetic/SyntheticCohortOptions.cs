namespace Normative.Data.Synthetic;

/// <summary>What to generate: sizes, seed, region set and parameters of the synthetic cohort.</summary>
public sealed record SyntheticCohortOptions
{
    /// <summary>Seed of every random draw; the same seed gives byte-identical files.</summary>
    public int Seed { get; init; } = 42;

    public CohortSizes Sizes { get; init; } = CohortSizes.Paper;

    /// <summary>Region set of both modalities (<see cref="RegionSet.Mmsivae"/> or <see cref="RegionSet.Classic12"/>).</summary>
    public string RegionSet { get; init; } = Data.RegionSet.Mmsivae;

    /// <summary>Population parameters; null means <see cref="SyntheticCohortParameters.Default"/>.</summary>
    public SyntheticCohortParameters? Parameters { get; init; }

    /// <summary>Probability that a subject (other than a training control) has no amyloid PET. 0 reproduces the
    /// paper's complete data; a positive value exercises the models' missing-modality path.</summary>
    public double AmyloidMissingFraction { get; init; }

    /// <summary>Cohort name written into the manifest.</summary>
    public string Name { get; init; } = "synthetic-adni";
}
