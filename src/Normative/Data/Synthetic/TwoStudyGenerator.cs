namespace Normative.Data.Synthetic;

/// <summary>What to generate for the two-study setting.</summary>
public sealed record TwoStudyOptions
{
    /// <summary>Seed of every draw: the control study uses it, the clinical study seed + 1; the same seed gives the same files.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Study layout, sites and shifts; null means <see cref="TwoStudyParameters.Default"/>.</summary>
    public TwoStudyParameters? Parameters { get; init; }

    /// <summary>Population, disease and cognition; null means <see cref="SyntheticCohortParameters.Default"/>.</summary>
    public SyntheticCohortParameters? CohortParameters { get; init; }

    /// <summary>Multiplies every group size of both studies (a quick or test-sized run); at least 12 controls per
    /// study split stay so that every site keeps a chance of the controls harmonisation needs. Range: &gt; 0.</summary>
    public double SizeFactor { get; init; } = 1;

    /// <summary>Overrides the number of training controls of the control study (after <see cref="SizeFactor"/>).</summary>
    public int? TrainControls { get; init; }
}

/// <summary>
/// Generates the two-study setting of the mmNormVAE experiment with the default cohort's machinery
/// (<see cref="SyntheticCohortGenerator"/>: the same healthy-variation model, planted disease and ADAS13), drawing MRI
/// volumes over <see cref="RegionSet.MmNormVae"/> and writing them as the parameter file's feature sets (cortical,
/// subcortical, hippocampal subfields). The control study has only controls with its own ages and sites; the clinical
/// study has ADNI-like stages and controls at other sites; every site passes its volumes through its own
/// <see cref="ScannerShift"/>, small within the control study, larger at the clinical sites (the between-study shift).
/// </summary>
public static class TwoStudyGenerator
{
    public static TwoStudySetting Generate(TwoStudyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.SizeFactor);
        var p = options.Parameters ?? TwoStudyParameters.Default;
        var cohortParameters = options.CohortParameters ?? SyntheticCohortParameters.Default;
        var regions = RegionCatalogue.Default.Set(RegionSet.MmNormVae);
        var shifts = p.AllSites.Select((site, k) => new SyntheticSite(site.Name, site.Weight, ScannerShift.Draw(site, regions.Count, unchecked(p.ShiftSeed + k)))).ToArray();
        var controlSites = shifts.Take(p.ControlStudy.Sites.Count).ToArray();
        var clinicalSites = shifts.Skip(p.ControlStudy.Sites.Count).ToArray();

        int Scaled(int n, int min) => n == 0 ? 0 : Math.Max(min, (int)Math.Round(n * options.SizeFactor, MidpointRounding.AwayFromZero));
        const int minimumControls = 12;
        var c = p.ControlStudy;
        var controlParameters = cohortParameters with
        {
            AgeMin = c.AgeMin,
            AgeMax = c.AgeMax,
            Groups = cohortParameters.Groups with { Control = cohortParameters.Groups.Control with { AgeMean = c.AgeMean, AgeSd = c.AgeSd, FemaleFraction = c.FemaleFraction } },
        };
        var control = SyntheticCohortGenerator.Generate(new SyntheticCohortOptions
        {
            Seed = options.Seed,
            Name = c.Name,
            IdPrefix = c.IdPrefix,
            Parameters = controlParameters,
            RegionSet = RegionSet.MmNormVae,
            FeatureSets = p.FeatureSets,
            Sites = controlSites,
            Sizes = new CohortSizes(options.TrainControls ?? Scaled(c.TrainControls, minimumControls), Scaled(c.HoldoutControls, minimumControls), 0, 0, 0),
        });
        var k = p.ClinicalStudy;
        var clinical = SyntheticCohortGenerator.Generate(new SyntheticCohortOptions
        {
            Seed = unchecked(options.Seed + 1),
            Name = k.Name,
            IdPrefix = k.IdPrefix,
            Parameters = cohortParameters,
            RegionSet = RegionSet.MmNormVae,
            FeatureSets = p.FeatureSets,
            Sites = clinicalSites,
            Sizes = new CohortSizes(Scaled(k.AdaptationControls, minimumControls), Scaled(k.HoldoutControls, minimumControls),
                Scaled(k.Preclinical, 1), Scaled(k.Cdr05, 1), Scaled(k.Cdr1plus, 1)),
        });
        return new TwoStudySetting(control, clinical, controlSites, clinicalSites, regions, p);
    }
}
