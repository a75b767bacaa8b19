namespace Normative.Data.Synthetic;

/// <summary>What to generate: sizes, seed, region set and parameters of the synthetic cohort.</summary>
public sealed record SyntheticCohortOptions
{
    /// <summary>Seed of every random draw; the same seed gives byte-identical files.</summary>
    public int Seed { get; init; } = 42;

    public CohortSizes Sizes { get; init; } = CohortSizes.Paper;

    /// <summary>
    /// Controls in the <see cref="Split.Calibration"/> split, drawn like the held-out controls after every other subject
    /// (so the rest of the cohort is the same with or without them). 2,000 resolve a false-positive rate of 0.001 to
    /// about ±0.0014 (exact 95 % interval of 2/2000), where the paper's 48 held-out controls cannot tell 0 from 0.07.
    /// Range: &gt;= 0. 0 here (a library call gets exactly the groups it asks for); <c>cohort generate</c>, <c>reproduce</c>
    /// and <see cref="Experiments.ReproductionOptions"/> default to <see cref="DefaultCalibrationControls"/>.
    /// </summary>
    public int CalibrationControls { get; init; }

    /// <summary>The size of the calibration split that <c>cohort generate</c> and <c>reproduce</c> write by default.</summary>
    public const int DefaultCalibrationControls = 2000;

    /// <summary>Region set of both modalities (<see cref="RegionSet.Mmsivae"/> or <see cref="RegionSet.Classic12"/>).</summary>
    public string RegionSet { get; init; } = Data.RegionSet.Mmsivae;

    /// <summary>Population parameters; null means <see cref="SyntheticCohortParameters.Default"/>.</summary>
    public SyntheticCohortParameters? Parameters { get; init; }

    /// <summary>Probability that a subject (other than a training control) has no amyloid PET. 0 reproduces the
    /// paper's complete data; a positive value exercises the models' missing-modality path.</summary>
    public double AmyloidMissingFraction { get; init; }

    /// <summary>Cohort name written into the manifest.</summary>
    public string Name { get; init; } = "synthetic-adni";

    /// <summary>Prefix of the subject ids (<c>SYN0001</c>, ...); two studies meant to be pooled or compared take different ones.</summary>
    public string IdPrefix { get; init; } = "SYN";

    /// <summary>
    /// MRI feature sets written as separate modality tables (mmNormVAE's cortical, subcortical and hippocampal-subfield
    /// volumes), each a subset of <see cref="RegionSet"/>, over which MRI is drawn once; the amyloid PET table is then not
    /// written. Null (the default): one MRI and one amyloid table over <see cref="RegionSet"/>.
    /// </summary>
    public IReadOnlyList<MriFeatureSet>? FeatureSets { get; init; }

    /// <summary>
    /// Acquisition sites: each subject is assigned one with probability its weight (from a sampler of its own, so the
    /// subjects' other draws do not change) and its MRI volumes pass through the site's <see cref="ScannerShift"/>.
    /// Null (the default): no site column and no shift.
    /// </summary>
    public IReadOnlyList<SyntheticSite>? Sites { get; init; }
}
