namespace Normative.Data.Synthetic;

/// <summary>One subject as drawn: its subjects-table row, planted truth and raw values (amyloid null when missing).</summary>
internal sealed record DrawnSubject(Subject Subject, PlantedSubject Truth, double[] Mri, double[]? Amyloid);

/// <summary>
/// The per-run state of <see cref="SyntheticCohortGenerator"/>: parameters resolved per region, the healthy
/// variation model and the seeded sampler. Draws happen in a fixed order, so a seed fixes every number.
/// </summary>
internal sealed class GeneratorRun
{
    /// <summary>Volumes are written to 0.1 mm³, SUVR to 4 decimals, age to 0.1 year, ICV to 1 mm³ (typical of ADNI tables).</summary>
    private const int VolumeDecimals = 1, SuvrDecimals = 4, AgeDecimals = 1;

    /// <summary>Latent factors, severity and excess are recorded to 6 decimals (readable files, exact round trip).</summary>
    private const int TruthDecimals = 6;

    private const int MaxControlRedraws = 1000;

    /// <summary>Amyloid-negative summaries stay this far (SUVR) under the cut-off, safe from rounding.</summary>
    private const double NegativeMargin = 0.005;

    /// <summary>Subtype name written for the uniform (non-specific) atrophy pattern.</summary>
    internal const string UniformSubtype = "non-specific";

    private readonly SyntheticCohortParameters _p;
    private readonly RegionSet _regions;
    private readonly RegionParameters[] _calibration;
    private readonly double[] _residualCv;
    private readonly int[] _summaryRegions;
    private readonly int[] _hippocampus;
    private readonly HealthyVariationModel _healthy;
    private readonly double _healthySummaryMean;
    private readonly double _amyloidMissingFraction;
    private readonly AmyloidSpread _spread;

    public GeneratorRun(SyntheticCohortParameters parameters, RegionSet regions, SeededSampler sampler, double amyloidMissingFraction)
    {
        _p = parameters;
        _regions = regions;
        Sampler = sampler;
        _amyloidMissingFraction = amyloidMissingFraction;
        _calibration = regions.Regions.Select(r => parameters.Region(r.Id)).ToArray();
        _residualCv = _calibration.Select(c => parameters.VolumeResidualFraction * c.VolumeSd / c.VolumeMean).ToArray();
        _summaryRegions = Enumerable.Range(0, regions.Count).Where(j => regions.Regions[j].InAmyloidSummary).ToArray();
        if (_summaryRegions.Length == 0) throw new InvalidOperationException($"Region set '{regions.Name}' has no amyloid summary region.");
        _hippocampus = Enumerable.Range(0, regions.Count).Where(j => regions.Regions[j].Structure == "Hippocampus").ToArray();
        _healthy = new HealthyVariationModel(parameters, regions);
        _healthySummaryMean = _summaryRegions.Average(j => _calibration[j].SuvrMean);
        _spread = new AmyloidSpread(parameters, regions, _calibration, _summaryRegions);
    }

    public SeededSampler Sampler { get; }

    /// <summary>Draws one subject.</summary>
    /// <param name="site">Site label written to the subjects table (null: no site column).</param>
    /// <param name="shift">The site's scanner shift of the MRI volumes (null: the reference scanner). It draws nothing, so a
    /// subject is the same draw with or without it.</param>
    public DrawnSubject Subject(string id, ClinicalStage stage, Split split, string? site = null, ScannerShift? shift = null)
    {
        var group = _p.Groups.For(stage);
        var rng = Sampler;
        double age = Math.Round(rng.TruncatedNormal(group.AgeMean, group.AgeSd, _p.AgeMin, _p.AgeMax), AgeDecimals);
        var sex = rng.Uniform() < group.FemaleFraction ? Sex.Female : Sex.Male;
        double icv = Math.Round(sex == Sex.Female
            ? rng.TruncatedNormal(_p.Icv.FemaleMean, _p.Icv.FemaleSd, _p.Icv.FemaleMean - 4 * _p.Icv.FemaleSd, _p.Icv.FemaleMean + 4 * _p.Icv.FemaleSd)
            : rng.TruncatedNormal(_p.Icv.MaleMean, _p.Icv.MaleSd, _p.Icv.MaleMean - 4 * _p.Icv.MaleSd, _p.Icv.MaleMean + 4 * _p.Icv.MaleSd));
        double cdr = stage switch
        {
            ClinicalStage.Control or ClinicalStage.Preclinical => 0,
            ClinicalStage.Cdr05 or ClinicalStage.AmyloidNegativeImpaired => 0.5,
            _ => DrawCdr1Plus(),
        };
        bool amyloidPositive = IsAmyloidPositive(stage);

        var (shared, healthyMri, healthyAmyloid, expectedMri) = DrawHealthy(age, sex, icv);
        double healthySummary = Summary(healthyAmyloid);

        // Amyloid: positive groups draw their summary SUVR and the burden that reaches it; amyloid-negative subjects
        // carry a sub-threshold burden on the same staged pattern.
        var jitter = _spread.Jitter(rng);
        double burden, zAmyloid = 0;
        if (amyloidPositive)
        {
            double mean = group.SummarySuvrMean!.Value, sd = group.SummarySuvrSd!.Value;
            double target = DrawPositiveSummary(mean, sd);
            zAmyloid = (target - mean) / sd;
            burden = _spread.BurdenFor(target - healthySummary, jitter);
        }
        else
        {
            burden = DrawSubThresholdBurden(healthySummary, jitter);
        }
        var amyloidEffect = new double[_regions.Count];
        _spread.Excess(burden, jitter, amyloidEffect);
        double excess = _summaryRegions.Average(j => amyloidEffect[j]);

        string subtype = "none";
        double severity = 0;
        var atrophyD = new double[_regions.Count];
        if (stage != ClinicalStage.Control)
        {
            double rho = amyloidPositive ? _p.SeverityAmyloidCorrelation : 0;
            double zSeverity = rho * zAmyloid + Math.Sqrt(1 - rho * rho) * rng.Normal();
            severity = Math.Exp(_p.SeverityLogSd * zSeverity);
            double anchor = stage == ClinicalStage.Cdr1Plus ? _p.Cdr1plusAnchorByCdr[Key(cdr)] : group.AtrophyAnchor!.Value;
            if (group.AtrophyPattern == AtrophyPattern.Uniform)
            {
                subtype = UniformSubtype;
                for (int j = 0; j < atrophyD.Length; j++)
                    atrophyD[j] = (_regions.Regions[j].System == "csf" ? -1 : 1) * anchor * severity;
            }
            else
            {
                var type = stage == ClinicalStage.Preclinical ? _p.Subtypes[0] : _p.Subtypes[rng.Categorical(_p.Subtypes.Select(s => s.Proportion).ToArray())];
                subtype = type.Name;
                for (int j = 0; j < atrophyD.Length; j++)
                    atrophyD[j] = _calibration[j].WAtr * type.MultiplierFor(_regions.Regions[j].System) * anchor * severity;
            }
        }

        var mri = new double[_regions.Count];
        var amyloid = new double[_regions.Count];
        var effects = new[] { new double[_regions.Count], new double[_regions.Count] };
        for (int j = 0; j < mri.Length; j++)
        {
            double healthy = healthyMri[j], diseased = healthyMri[j] * Math.Exp(_residualCv[j] * atrophyD[j]);
            if (shift is not null)
            {
                // The scanner measures the diseased brain and its healthy counterfactual alike.
                healthy = shift.Apply(j, healthy, expectedMri[j], _residualCv[j]);
                diseased = shift.Apply(j, diseased, expectedMri[j], _residualCv[j]);
            }
            double v0 = Math.Round(healthy, VolumeDecimals);
            mri[j] = Math.Round(diseased, VolumeDecimals);
            effects[0][j] = Math.Round(mri[j] - v0, VolumeDecimals);
            double a0 = Math.Round(healthyAmyloid[j], SuvrDecimals);
            amyloid[j] = Math.Round(healthyAmyloid[j] + amyloidEffect[j], SuvrDecimals);
            effects[1][j] = Math.Round(amyloid[j] - a0, SuvrDecimals);
        }

        double? adas13 = DrawAdas13(stage, group, atrophyD, excess);
        bool amyloidMissing = rng.Uniform() < _amyloidMissingFraction && split != Split.Train;
        var subject = new Subject(id, split, stage == ClinicalStage.Control ? SubjectGroup.Control : SubjectGroup.Patient,
            cdr, amyloidPositive, age, sex, icv, adas13, site);
        var truth = new PlantedSubject(id, stage, subtype, Math.Round(severity, TruthDecimals), Math.Round(burden, TruthDecimals),
            Math.Round(excess, TruthDecimals), Math.Round(Summary(amyloid), SuvrDecimals), shared.Select(u => Math.Round(u, TruthDecimals)).ToArray(), effects);
        return new DrawnSubject(subject, truth, mri, amyloidMissing ? null : amyloid);
    }

    /// <summary>The paper's three patient stages are amyloid-positive; controls and the non-AD impaired group are not.</summary>
    private static bool IsAmyloidPositive(ClinicalStage stage) => stage is ClinicalStage.Preclinical or ClinicalStage.Cdr05 or ClinicalStage.Cdr1Plus;

    /// <summary>
    /// Summary SUVR of an amyloid-positive subject: cut-off + margin + Gamma, with shape and scale matched to the
    /// group's mean and SD. The ADNI A+ distributions are right-skewed with many subjects just over the cut-off
    /// (CDR 0 A+: 1.20 ± 0.10 over a cut-off of 1.11, a spread a normal truncated at the cut-off cannot have).
    /// </summary>
    private double DrawPositiveSummary(double mean, double sd)
    {
        double floor = _p.AmyloidPositivityThreshold + AmyloidSpread.PositivityMargin;
        double above = mean - floor;
        return floor + Sampler.Gamma(above * above / (sd * sd), sd * sd / above);
    }

    /// <summary>
    /// Sub-threshold burden of an amyloid-negative subject: Exponential(amyloid_negative_burden_mean), redrawn until the
    /// summary (healthy + excess) stays below the cut-off (0 always does: the healthy summary already is).
    /// </summary>
    private double DrawSubThresholdBurden(double healthySummary, double[] jitter)
    {
        for (int attempt = 0; attempt < MaxControlRedraws; attempt++)
        {
            double burden = Sampler.Exponential(_p.AmyloidNegativeBurdenMean);
            if (healthySummary + _spread.SummaryExcess(burden, jitter) < _p.AmyloidPositivityThreshold - NegativeMargin) return burden;
        }
        return 0;
    }

    /// <summary>
    /// Healthy raw values, redrawn until amyloid-negative (summary below the threshold). Every group gets
    /// the same amyloid-negative healthy population, so the planted effects are the only group differences.
    /// </summary>
    private (double[] Shared, double[] Mri, double[] Amyloid, double[] ExpectedMri) DrawHealthy(double age, Sex sex, double icv)
    {
        double dAge = age - _p.ReferenceAge;
        double icvScale = Math.Pow(icv / _p.Icv.Reference, _p.Icv.Exponent);
        for (int attempt = 0; ; attempt++)
        {
            var (shared, e) = _healthy.Sample(Sampler);
            var mri = new double[_regions.Count];
            var amyloid = new double[_regions.Count];
            var expected = new double[_regions.Count];
            for (int j = 0; j < mri.Length; j++)
            {
                var c = _calibration[j];
                double male = sex == Sex.Male ? c.VolumeMaleEffectSd : 0;
                expected[j] = c.VolumeMean * icvScale * Math.Exp(c.VolumeAgeSlopePercent / 100 * dAge);
                mri[j] = expected[j] * Math.Exp(_residualCv[j] * (e[0][j] + male));
                amyloid[j] = c.SuvrMean + c.SuvrSd * e[1][j] + _p.AmyloidAgeSlopePerYear * dAge;
            }
            if (Summary(amyloid) < _p.AmyloidPositivityThreshold - NegativeMargin || attempt >= MaxControlRedraws)
                return (shared, mri, amyloid, expected);
        }
    }

    private double? DrawAdas13(ClinicalStage stage, GroupParameters group, double[] atrophyD, double excess)
    {
        double hippocampalLoss = _hippocampus.Length == 0 ? 0 : -_hippocampus.Average(j => atrophyD[j]);
        double score = group.Adas13Mean + group.Adas13NoiseSd * Sampler.Normal();
        if (stage != ClinicalStage.Control)
            score += _p.Adas13.AtrophyWeight * (hippocampalLoss - ExpectedHippocampalLoss(stage));
        if (IsAmyloidPositive(stage))
            score += _p.Adas13.AmyloidWeight * (excess - (group.SummarySuvrMean!.Value - _healthySummaryMean));
        bool missing = Sampler.Uniform() < _p.Adas13.MissingFraction;
        // ADAS-Cog 13 is scored in thirds of a point; two decimals as in ADNIMERGE.
        return missing ? null : Math.Round(Math.Clamp(Math.Round(score * 3) / 3, 0, 85), 2);
    }

    /// <summary>E[-d_hippocampus] of a stage: |anchor| x mean subtype multiplier for the MTL x E[severity].</summary>
    private double ExpectedHippocampalLoss(ClinicalStage stage)
    {
        var group = _p.Groups.For(stage);
        double anchor = stage == ClinicalStage.Cdr1Plus
            ? _p.Cdr1plusCdrDistribution.Sum(kv => kv.Value * _p.Cdr1plusAnchorByCdr[kv.Key])
            : group.AtrophyAnchor!.Value;
        if (group.AtrophyPattern == AtrophyPattern.Uniform)
            return _hippocampus.Length == 0 ? 0 : -anchor * Math.Exp(_p.SeverityLogSd * _p.SeverityLogSd / 2);
        double subtype = stage == ClinicalStage.Preclinical
            ? _p.Subtypes[0].MultiplierFor("mtl")
            : _p.Subtypes.Sum(s => s.Proportion * s.MultiplierFor("mtl"));
        double hippocampusWeight = _hippocampus.Length == 0 ? 0 : _hippocampus.Average(j => _calibration[j].WAtr);
        return -anchor * subtype * hippocampusWeight * Math.Exp(_p.SeverityLogSd * _p.SeverityLogSd / 2);
    }

    private double DrawCdr1Plus()
    {
        var keys = _p.Cdr1plusCdrDistribution.Keys.Order(StringComparer.Ordinal).ToArray();
        int k = Sampler.Categorical(keys.Select(key => _p.Cdr1plusCdrDistribution[key]).ToArray());
        return double.Parse(keys[k], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Key(double cdr) => cdr.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private double Summary(double[] amyloid) => _summaryRegions.Average(j => amyloid[j]);
}
