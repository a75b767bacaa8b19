using System.Text.Json.Serialization;

namespace Normative.Data.Synthetic;

/// <summary>
/// Every number that shapes the synthetic ADNI-like cohort, read from one user-editable JSON file
/// (data-schemas/synthetic-cohort-parameters.json, embedded as the default). data-schemas/README.md
/// documents each entry with its source (domain-notes §3 calibration targets).
/// </summary>
public sealed record SyntheticCohortParameters
{
    private const string ResourceName = "Normative.Data.Synthetic.synthetic-cohort-parameters.json";

    /// <summary>Layout version. 2: staged amyloid spread (regional thresholds), sub-threshold amyloid in controls,
    /// the amyloid-negative CDR 0.5 group.</summary>
    public int FormatVersion { get; init; } = 2;

    public string? Description { get; init; }

    /// <summary>Seed of the population structure (factor loadings, the shared nonlinear map). Fixed so that
    /// cohorts drawn with different seeds are samples of the same population.</summary>
    public required int StructureSeed { get; init; }

    /// <summary>Age (years) at which the regional means of the region table apply.</summary>
    public required double ReferenceAge { get; init; }

    public required double AgeMin { get; init; }

    public required double AgeMax { get; init; }

    /// <summary>Demographics, cognition and disease anchors per group.</summary>
    public required GroupParameterSet Groups { get; init; }

    /// <summary>Probability of CDR 1, 2 and 3 within the CDR &gt;= 1 group (keys "1", "2", "3").</summary>
    public required IReadOnlyDictionary<string, double> Cdr1plusCdrDistribution { get; init; }

    /// <summary>Hippocampal atrophy anchor (Cohen's d) per CDR value within the CDR &gt;= 1 group.</summary>
    public required IReadOnlyDictionary<string, double> Cdr1plusAnchorByCdr { get; init; }

    public required IcvParameters Icv { get; init; }

    /// <summary>Fraction of a region's coefficient of variation that is not explained by ICV (the rest comes from ICV scaling).</summary>
    public required double VolumeResidualFraction { get; init; }

    /// <summary>Whole-cerebellum cortical summary SUVR at or above which a subject is amyloid-positive.</summary>
    public required double AmyloidPositivityThreshold { get; init; }

    /// <summary>Width (SUVR of burden) of the logistic with which a region takes up amyloid once the subject's burden
    /// passes the region's <see cref="RegionParameters.AmyloidThreshold"/>.</summary>
    public required double AmyloidSpreadWidth { get; init; }

    /// <summary>Coefficient of variation of the per-subject, per-region multiplicative (log-normal) jitter of the
    /// amyloid excess: the regional heterogeneity, as a fraction of the subject's expected regional excess.</summary>
    public required double AmyloidRegionalHeterogeneitySd { get; init; }

    /// <summary>Correlation of the log jitter of a left region with its right homologue (amyloid is nearly symmetric).</summary>
    public required double AmyloidHeterogeneityPairCorrelation { get; init; }

    /// <summary>Mean of the exponential sub-threshold amyloid burden of amyloid-negative subjects (controls and the
    /// amyloid-negative impaired group); redrawn until the summary stays under the positivity threshold.</summary>
    public required double AmyloidNegativeBurdenMean { get; init; }

    public required double AmyloidAgeSlopePerYear { get; init; }

    /// <summary>Variance shares of the healthy-variation components, per modality ("mri", "amyloid").</summary>
    public required IReadOnlyDictionary<string, VarianceComponents> VarianceComponents { get; init; }

    public required SharedLatentParameters SharedLatent { get; init; }

    /// <summary>SD of log severity: severity multiplier s_i = exp(severity_log_sd * z_i).</summary>
    public required double SeverityLogSd { get; init; }

    /// <summary>Correlation of the severity score z_i with the amyloid excess score.</summary>
    public required double SeverityAmyloidCorrelation { get; init; }

    /// <summary>Atrophy subtypes of symptomatic subjects (CDR &gt;= 0.5); the first is used for preclinical subjects.</summary>
    public required IReadOnlyList<SubtypeParameters> Subtypes { get; init; }

    public required Adas13Parameters Adas13 { get; init; }

    /// <summary>Per-region calibration (means, SDs, age slopes, disease weights).</summary>
    public required IReadOnlyList<RegionParameters> Regions { get; init; }

    /// <summary>The parameters shipped with the package.</summary>
    public static SyntheticCohortParameters Default => LazyDefault.Value;

    private static readonly Lazy<SyntheticCohortParameters> LazyDefault =
        new(() => Parse(DefaultJson(), "synthetic-cohort-parameters.json (embedded)"));

    /// <summary>The default parameters as JSON text (the starting point for a user's edited copy).</summary>
    public static string DefaultJson() => EmbeddedData.ReadText(ResourceName);

    /// <summary>Reads and validates a parameter file.</summary>
    public static SyntheticCohortParameters Load(string path)
    {
        if (!File.Exists(path)) throw new CohortFormatException(path, null, null, "file not found.");
        return Parse(File.ReadAllText(path), path);
    }

    public static SyntheticCohortParameters Parse(string json, string file)
    {
        var parameters = DataJson.Parse<SyntheticCohortParameters>(json, file);
        parameters.Check(file);
        return parameters;
    }

    public string ToJson() => DataJson.Write(this);

    /// <summary>The calibration row of <paramref name="regionId"/>.</summary>
    public RegionParameters Region(string regionId) =>
        Regions.FirstOrDefault(r => r.Id == regionId)
        ?? throw new ArgumentException($"The synthetic-cohort parameters have no row for region '{regionId}'.", nameof(regionId));

    private void Check(string file)
    {
        void Require(bool ok, string column, string problem)
        {
            if (!ok) throw new CohortFormatException(file, null, column, problem);
        }
        Require(FormatVersion == 2, "format_version", $"version {FormatVersion} is not supported; expected 2 (start from the default: SyntheticCohortParameters.DefaultJson()).");
        Require(AgeMin < AgeMax, "age_min", "age_min must be below age_max.");
        foreach (var (name, group) in Groups.All)
        {
            Require(group.AgeSd > 0 && group.Adas13NoiseSd >= 0, $"groups.{name}", "SDs must be positive.");
            Require(group.FemaleFraction is >= 0 and <= 1, $"groups.{name}.female_fraction", "must lie in [0, 1].");
            if (GroupParameterSet.IsAmyloidPositive(name))
            {
                Require(group.SummarySuvrMean is not null && group.SummarySuvrSd is > 0 && group.AtrophyAnchor is not null,
                    $"groups.{name}", "amyloid-positive groups need summary_suvr_mean, summary_suvr_sd and atrophy_anchor.");
                Require(group.SummarySuvrMean > AmyloidPositivityThreshold + AmyloidSpread.PositivityMargin, $"groups.{name}.summary_suvr_mean",
                    $"must exceed the positivity threshold + {AmyloidSpread.PositivityMargin} (the group is amyloid-positive).");
            }
            else
            {
                Require(group.SummarySuvrMean is null && group.SummarySuvrSd is null, $"groups.{name}",
                    "amyloid-negative groups take sub-threshold amyloid (amyloid_negative_burden_mean), not summary_suvr_mean/sd.");
                Require(name == "control" ? group.AtrophyAnchor is null : group.AtrophyAnchor is not null, $"groups.{name}.atrophy_anchor",
                    name == "control" ? "controls carry no atrophy." : "the impaired group needs an atrophy anchor (0 for none).");
            }
        }
        Require(Math.Abs(Cdr1plusCdrDistribution.Values.Sum() - 1) < 1e-6, "cdr1plus_cdr_distribution", "probabilities must sum to 1.");
        foreach (var key in Cdr1plusCdrDistribution.Keys)
        {
            Require(key is "1" or "2" or "3", "cdr1plus_cdr_distribution", $"key '{key}' is not a CDR >= 1 value (1, 2, 3).");
            Require(Cdr1plusAnchorByCdr.ContainsKey(key), "cdr1plus_anchor_by_cdr", $"no anchor for CDR {key}.");
        }
        double cdr1plusAnchor = Cdr1plusCdrDistribution.Sum(kv => kv.Value * (Cdr1plusAnchorByCdr.TryGetValue(kv.Key, out double a) ? a : 0));
        Require(Math.Abs(cdr1plusAnchor - (Groups.Cdr1plus.AtrophyAnchor ?? cdr1plusAnchor)) < 0.01, "groups.cdr1plus.atrophy_anchor",
            FormattableString.Invariant($"must equal the CDR-weighted mean of cdr1plus_anchor_by_cdr ({cdr1plusAnchor:0.###}); the per-CDR anchors are what is planted."));
        Require(VolumeResidualFraction is > 0 and <= 1, "volume_residual_fraction", "must lie in (0, 1].");
        Require(AmyloidSpreadWidth > 0, "amyloid_spread_width", "must be positive.");
        Require(AmyloidRegionalHeterogeneitySd >= 0, "amyloid_regional_heterogeneity_sd", "must not be negative.");
        Require(AmyloidHeterogeneityPairCorrelation is >= 0 and <= 1, "amyloid_heterogeneity_pair_correlation", "must lie in [0, 1].");
        Require(AmyloidNegativeBurdenMean >= 0, "amyloid_negative_burden_mean", "must not be negative.");
        foreach (var modality in new[] { "mri", "amyloid" })
        {
            Require(VarianceComponents.TryGetValue(modality, out var v), "variance_components", $"missing entry '{modality}'.");
            Require(Math.Abs(v!.Sum - 1) < 1e-6 && v.Min >= 0, $"variance_components.{modality}", "shares must be non-negative and sum to 1.");
        }
        Require(SharedLatent.Dimension >= 1 && SharedLatent.HiddenUnits >= 1, "shared_latent", "dimension and hidden_units must be positive.");
        Require(Subtypes.Count > 0 && Math.Abs(Subtypes.Sum(s => s.Proportion) - 1) < 1e-6, "subtypes", "proportions must sum to 1.");
        Require(SeverityAmyloidCorrelation is > -1 and < 1, "severity_amyloid_correlation", "must lie in (-1, 1).");
        Require(Adas13.MissingFraction is >= 0 and < 1, "adas13.missing_fraction", "must lie in [0, 1).");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in Regions)
        {
            Require(RegionCatalogue.Default.TryGet(r.Id, out _), "regions", $"region '{r.Id}' is not in the region catalogue.");
            Require(seen.Add(r.Id), "regions", $"region '{r.Id}' appears twice.");
            Require(r.VolumeMean > 0 && r.VolumeSd > 0 && r.SuvrMean > 0 && r.SuvrSd > 0, "regions", $"region '{r.Id}': means and SDs must be positive.");
            Require(r.WAmy >= 0 && r.AmyloidThreshold >= 0, "regions", $"region '{r.Id}': w_amy and amyloid_threshold must not be negative.");
        }
    }
}

/// <summary>The four cohort groups of mmSIVAE §4.1 and the optional amyloid-negative CDR 0.5 group (non-AD impairment).</summary>
public sealed record GroupParameterSet(GroupParameters Control, GroupParameters Preclinical, GroupParameters Cdr05, GroupParameters Cdr1plus,
    GroupParameters AmyloidNegativeCdr05)
{
    /// <summary>(name, parameters) pairs in stage order.</summary>
    [JsonIgnore]
    public IEnumerable<(string Name, GroupParameters Group)> All =>
        [("control", Control), ("preclinical", Preclinical), ("cdr05", Cdr05), ("cdr1plus", Cdr1plus), ("amyloid_negative_cdr05", AmyloidNegativeCdr05)];

    /// <summary>Whether the group of JSON name <paramref name="name"/> is amyloid-positive (the paper's three patient groups).</summary>
    internal static bool IsAmyloidPositive(string name) => name is "preclinical" or "cdr05" or "cdr1plus";

    public GroupParameters For(ClinicalStage stage) => stage switch
    {
        ClinicalStage.Control => Control,
        ClinicalStage.Preclinical => Preclinical,
        ClinicalStage.Cdr05 => Cdr05,
        ClinicalStage.Cdr1Plus => Cdr1plus,
        ClinicalStage.AmyloidNegativeImpaired => AmyloidNegativeCdr05,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };
}

/// <summary>Where a group's atrophy goes.</summary>
public enum AtrophyPattern
{
    /// <summary>Alzheimer-typical: d_r = w_atr,r x subtype multiplier x anchor x severity.</summary>
    Regional,
    /// <summary>Non-specific: d_r = anchor x severity in every region (ventricles and choroid plexus enlarge by as much).</summary>
    Uniform,
}

/// <summary>Demographics, cognition and disease anchors of one group.</summary>
/// <param name="AgeMean">Mean age (years), truncated to [age_min, age_max].</param>
/// <param name="AgeSd">Age SD (years).</param>
/// <param name="FemaleFraction">Probability of female sex.</param>
/// <param name="Adas13Mean">Group mean of ADAS13.</param>
/// <param name="Adas13NoiseSd">SD of the ADAS13 noise (the severity terms add to it).</param>
/// <param name="SummarySuvrMean">Mean cortical summary SUVR of an amyloid-positive group (realised: the draw is
/// threshold + Gamma with this mean and <paramref name="SummarySuvrSd"/>).</param>
/// <param name="SummarySuvrSd">SD of the group's cortical summary SUVR.</param>
/// <param name="AtrophyAnchor">Planted hippocampal atrophy of the group in control-SD units (negative = smaller), before
/// subtype and severity; for CDR &gt;= 1 the anchor of each CDR value is in cdr1plus_anchor_by_cdr.</param>
/// <param name="AtrophyPattern">Regional (AD-typical, w_atr and subtypes; the default) or uniform (non-specific).</param>
public sealed record GroupParameters(
    double AgeMean, double AgeSd, double FemaleFraction, double Adas13Mean, double Adas13NoiseSd,
    double? SummarySuvrMean = null, double? SummarySuvrSd = null, double? AtrophyAnchor = null, AtrophyPattern AtrophyPattern = AtrophyPattern.Regional);

/// <summary>Intracranial volume by sex and the scaling of regional volumes with it: V ∝ (ICV / reference)^exponent.</summary>
public sealed record IcvParameters(double MaleMean, double MaleSd, double FemaleMean, double FemaleSd, double Reference, double Exponent);

/// <summary>Shares of a healthy region's variance (after age, sex and ICV): shared nonlinear factors,
/// a modality-wide factor, a factor per anatomical system, a factor per left/right pair, and unique noise.</summary>
public sealed record VarianceComponents(double Shared, double Global, double System, double Pair, double Unique)
{
    internal double Sum => Shared + Global + System + Pair + Unique;

    internal double Min => Math.Min(Math.Min(Math.Min(Shared, Global), Math.Min(System, Pair)), Unique);
}

/// <summary>The shared nonlinear latent map h(u) = tanh(W u + b), u ~ N(0, I_dimension), h of size hidden_units;
/// each region loads on h with global_weight * g + system_weight * v_system + region_weight * r_region.</summary>
public sealed record SharedLatentParameters(int Dimension, int HiddenUnits, double GlobalWeight, double SystemWeight, double RegionWeight);

/// <summary>An atrophy subtype: multiplier of w_atr per anatomical system (default for systems not listed).</summary>
public sealed record SubtypeParameters(string Name, double Proportion, double DefaultMultiplier, IReadOnlyDictionary<string, double> Multipliers)
{
    public double MultiplierFor(string system) => Multipliers.TryGetValue(system, out double m) ? m : DefaultMultiplier;
}

/// <summary>ADAS13 = group mean + atrophy_weight * (hippocampal atrophy, centred) + amyloid_weight * (amyloid excess, centred) + noise.</summary>
public sealed record Adas13Parameters(double AtrophyWeight, double AmyloidWeight, double MissingFraction);

/// <summary>One region's calibration (domain-notes §2.4, §3.2-3.4).</summary>
/// <param name="Id">Canonical region id.</param>
/// <param name="VolumeMean">Control volume (mm³) at the reference age and ICV.</param>
/// <param name="VolumeSd">Control volume SD (mm³), ICV variation included.</param>
/// <param name="VolumeAgeSlopePercent">Cross-sectional age slope, % of the mean per year.</param>
/// <param name="VolumeMaleEffectSd">Male-minus-female difference after ICV, in residual SDs.</param>
/// <param name="SuvrMean">Amyloid-negative SUVR (whole-cerebellum reference).</param>
/// <param name="SuvrSd">Amyloid-negative SUVR SD.</param>
/// <param name="WAmy">Amyloid weight: fraction of the subject's amyloid burden expressed here once the region has taken it up.</param>
/// <param name="WAtr">Atrophy weight: fraction of the hippocampal atrophy effect (negative = enlarges).</param>
/// <param name="AmyloidThreshold">Burden (SUVR) at which the region is half-way to taking up amyloid: ~0 where amyloid
/// appears first (precuneus, posterior cingulate), larger for late regions (sensorimotor, medial temporal).</param>
public sealed record RegionParameters(
    string Id, double VolumeMean, double VolumeSd, double VolumeAgeSlopePercent, double VolumeMaleEffectSd,
    double SuvrMean, double SuvrSd, double WAmy, double WAtr, double AmyloidThreshold);
