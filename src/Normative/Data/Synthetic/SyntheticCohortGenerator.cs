using System.Globalization;

namespace Normative.Data.Synthetic;

/// <summary>
/// Generates the package's default data: a synthetic ADNI-like cohort of regional MRI volumes (mm³) and
/// AV45 amyloid SUVR with the paper's group sizes, healthy variation from shared nonlinear and
/// modality-specific factors, age/sex/ICV effects, and planted, stage-graded disease with subtypes
/// (design §2; calibration in domain-notes §3 and data-schemas/synthetic-cohort-parameters.json).
/// </summary>
/// <remarks>
/// Per subject i and region r (all symbols are entries of the parameter file):
/// <list type="bullet">
/// <item>healthy volume <c>V0 = mu_r (ICV/ICV_ref)^beta exp(slope_r/100 (age - age_ref)) exp(cv_r (e_r + male_r [male]))</c>,
/// with <c>cv_r = volume_residual_fraction * sd_r / mu_r</c> and e_r the healthy deviation of <see cref="HealthyVariationModel"/>;</item>
/// <item>healthy SUVR <c>A0 = suvr_r + sd_r e'_r + slope_A (age - age_ref)</c>, redrawn until its cortical summary is
/// below the positivity threshold;</item>
/// <item>amyloid, staged (<see cref="AmyloidSpread"/>): excess <c>x_r = w_amy,r B logistic((B - theta_r)/width) J_r</c> with
/// the subject's burden B and log-normal regional jitter J. Amyloid-positive groups draw their summary SUVR
/// T = threshold + Gamma (moment-matched to the group's mean and SD) and solve for the B that reaches it;
/// amyloid-negative subjects (controls, the non-AD impaired group) draw B ~ Exponential(amyloid_negative_burden_mean),
/// redrawn until the summary stays below the threshold;</item>
/// <item>atrophy in control-SD units <c>d_r = w_atr,r * subtype multiplier(system_r) * anchor(stage) * s_i</c> (the
/// non-AD impaired group: <c>d_r = anchor * s_i</c> everywhere, ventricles enlarging), severity
/// <c>s_i = exp(severity_log_sd z)</c> with z correlated to the amyloid summary; volume <c>V = V0 exp(cv_r d_r)</c>;</item>
/// <item>ADAS13 = stage mean + atrophy_weight * (-(hippocampal d) - its stage expectation) + amyloid_weight * (E - its
/// stage expectation, amyloid-positive groups only) + noise, rounded to thirds, clipped to [0, 85], missing with
/// probability missing_fraction.</item>
/// </list>
/// Anchors are chosen so that the realised, age-adjusted pooled Cohen's d meets the literature targets of
/// domain-notes §3.3 (tested in SyntheticCalibrationTargetTests); data-schemas/README.md lists every source.
/// Subtype proportions: Byun et al. 2015 (ADNI); subtype definitions: Ferreira et al. 2017; anchors: domain-notes §3.3.
/// </remarks>
public static class SyntheticCohortGenerator
{
    /// <summary>Generates a cohort; the same options give the same cohort, bit for bit.</summary>
    public static SyntheticCohort Generate(SyntheticCohortOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.AmyloidMissingFraction is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.AmyloidMissingFraction, "AmyloidMissingFraction must lie in [0, 1).");
        if (options.CalibrationControls < 0)
            throw new ArgumentOutOfRangeException(nameof(options), options.CalibrationControls, "CalibrationControls must be >= 0.");
        var parameters = options.Parameters ?? SyntheticCohortParameters.Default;
        var regions = RegionCatalogue.Default.Set(options.RegionSet);
        var featureSets = FeatureSetColumns(options, regions);
        var siteOf = SiteAssigner(options, regions);
        var run = new GeneratorRun(parameters, regions, new SeededSampler(options.Seed), options.AmyloidMissingFraction);

        var sizes = options.Sizes;
        var stages = Enumerable.Repeat(ClinicalStage.Control, sizes.TrainControls + sizes.HoldoutControls)
            .Concat(Enumerable.Repeat(ClinicalStage.Preclinical, sizes.Preclinical))
            .Concat(Enumerable.Repeat(ClinicalStage.Cdr05, sizes.Cdr05))
            .Concat(Enumerable.Repeat(ClinicalStage.Cdr1Plus, sizes.Cdr1Plus))
            .Concat(Enumerable.Repeat(ClinicalStage.AmyloidNegativeImpaired, sizes.AmyloidNegativeCdr05))
            .Concat(Enumerable.Repeat(ClinicalStage.Control, options.CalibrationControls))
            .ToArray();
        // Calibration controls come last, so the subjects before them are drawn exactly as without them.
        int firstCalibration = stages.Length - options.CalibrationControls;
        // Hold-out controls are a seeded random subset, not the last rows (the authors' code splits unshuffled).
        var holdout = run.Sampler.Permutation(sizes.TrainControls + sizes.HoldoutControls).Take(sizes.HoldoutControls).ToHashSet();
        int digits = Math.Max(4, stages.Length.ToString(CultureInfo.InvariantCulture).Length);

        var subjects = new List<Subject>(stages.Length);
        var planted = new List<PlantedSubject>(stages.Length);
        var mri = new List<double[]?>(stages.Length);
        var amyloid = new List<double[]?>(stages.Length);
        for (int i = 0; i < stages.Length; i++)
        {
            string id = options.IdPrefix + (i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
            var split = i >= firstCalibration ? Split.Calibration
                : stages[i] != ClinicalStage.Control ? Split.Test : holdout.Contains(i) ? Split.Holdout : Split.Train;
            var site = siteOf?.Invoke();
            var drawn = run.Subject(id, stages[i], split, site?.Name, site?.Shift);
            subjects.Add(drawn.Subject);
            planted.Add(drawn.Truth);
            mri.Add(drawn.Mri);
            amyloid.Add(drawn.Amyloid);
        }

        bool anyMissing = amyloid.Any(a => a is null);
        var manifest = SyntheticCohort.Manifest(options, options.AmyloidMissingFraction > 0 || anyMissing);
        if (featureSets is not null)
        {
            // One table per feature set, cut from the MRI drawn over the union; the ground truth keeps the union.
            var tables = featureSets.Select((f, m) => new ModalityTable(manifest.Modalities[m], f.Regions,
                mri.Select(row => (double[]?)f.Columns.Select(j => row![j]).ToArray()).ToList())).ToArray();
            var mriTruth = planted.Select(p => p with { Effects = [p.Effects[0]] }).ToArray();
            return new SyntheticCohort(new Cohort(manifest, subjects, tables),
                new SyntheticGroundTruth([SyntheticModalities.Mri], regions, mriTruth), parameters, options);
        }
        var cohort = new Cohort(manifest, subjects,
        [
            new ModalityTable(manifest.Modalities[0], regions, mri),
            new ModalityTable(manifest.Modalities[1], regions, amyloid),
        ]);
        var truth = new SyntheticGroundTruth([SyntheticModalities.Mri, SyntheticModalities.Amyloid], regions, planted);
        return new SyntheticCohort(cohort, truth, parameters, options);
    }

    /// <summary>Each feature set's regions and their columns in the drawn region set; null without feature sets.</summary>
    private static (RegionSet Regions, int[] Columns)[]? FeatureSetColumns(SyntheticCohortOptions options, RegionSet drawn)
    {
        if (options.FeatureSets is null) return null;
        if (options.FeatureSets.Count == 0) throw new ArgumentException("FeatureSets, when given, needs at least one feature set.", nameof(options));
        if (options.FeatureSets.Select(f => f.Modality).Distinct(StringComparer.Ordinal).Count() != options.FeatureSets.Count)
            throw new ArgumentException("Feature sets need distinct modality names.", nameof(options));
        return options.FeatureSets.Select(f =>
        {
            var set = RegionCatalogue.Default.Set(f.RegionSet);
            var columns = set.Ids.Select(drawn.IndexOf).ToArray();
            if (columns.Any(j => j < 0))
                throw new ArgumentException($"Feature set '{f.Modality}' (region set '{f.RegionSet}') has regions outside the drawn region set '{drawn.Name}'.", nameof(options));
            return (set, columns);
        }).ToArray();
    }

    /// <summary>Draws each subject's site from a sampler of its own (seeded from the cohort seed); null without sites.</summary>
    private static Func<SyntheticSite>? SiteAssigner(SyntheticCohortOptions options, RegionSet drawn)
    {
        if (options.Sites is not { } sites) return null;
        if (sites.Count == 0) throw new ArgumentException("Sites, when given, needs at least one site.", nameof(options));
        if (Math.Abs(sites.Sum(s => s.Weight) - 1) > 1e-6 || sites.Any(s => s.Weight < 0))
            throw new ArgumentException("Site weights must be non-negative and sum to 1.", nameof(options));
        foreach (var site in sites)
        {
            if (site.Shift.Location.Count != drawn.Count || site.Shift.Scale.Count != drawn.Count)
                throw new ArgumentException($"Site '{site.Name}' has a shift over {site.Shift.Location.Count} regions; the drawn region set '{drawn.Name}' has {drawn.Count}.", nameof(options));
            if (site.Shift.Scale.Any(x => !(x > 0)))
                throw new ArgumentException($"Site '{site.Name}' has a non-positive scale.", nameof(options));
        }
        // A fixed offset keeps this stream apart from the subjects' own (seeded with the cohort seed itself).
        var sampler = new SeededSampler(unchecked(options.Seed + SiteStreamOffset));
        var weights = sites.Select(s => s.Weight).ToArray();
        return () => sites[sampler.Categorical(weights)];
    }

    private const int SiteStreamOffset = 0x5173;
}
