namespace Normative.Data.Synthetic;

/// <summary>
/// The synthetic two-study setting of the mmNormVAE experiment, read from one user-editable JSON file
/// (data-schemas/two-study-parameters.json, embedded as the default; every entry documented in data-schemas/README.md):
/// which MRI feature sets are written, the large control study (UK-Biobank-like ages, its own sites) and the clinical
/// study (ADNI-like stages, its own sites and controls), and per site the distribution of its per-region scanner shift.
/// Population, disease and cognition are those of <see cref="SyntheticCohortParameters"/>.
/// </summary>
public sealed record TwoStudyParameters
{
    private const string ResourceName = "Normative.Data.Synthetic.two-study-parameters.json";

    public int FormatVersion { get; init; } = 1;

    public string? Description { get; init; }

    /// <summary>The MRI feature sets, one modality table each (mmNormVAE: cortical, subcortical, hippocampal subfields).</summary>
    public required IReadOnlyList<MriFeatureSet> FeatureSets { get; init; }

    /// <summary>Seed of the per-region scanner shifts (site k uses shift_seed + k over the sites of both studies, in file order).</summary>
    public required int ShiftSeed { get; init; }

    public required ControlStudyParameters ControlStudy { get; init; }

    public required ClinicalStudyParameters ClinicalStudy { get; init; }

    /// <summary>The parameters shipped with the package.</summary>
    public static TwoStudyParameters Default => LazyDefault.Value;

    private static readonly Lazy<TwoStudyParameters> LazyDefault = new(() => Parse(DefaultJson(), "two-study-parameters.json (embedded)"));

    /// <summary>The default parameters as JSON text.</summary>
    public static string DefaultJson() => EmbeddedData.ReadText(ResourceName);

    /// <summary>Reads and validates a parameter file.</summary>
    public static TwoStudyParameters Load(string path)
    {
        if (!File.Exists(path)) throw new CohortFormatException(path, null, null, "file not found.");
        return Parse(File.ReadAllText(path), path);
    }

    public static TwoStudyParameters Parse(string json, string file)
    {
        var parameters = DataJson.Parse<TwoStudyParameters>(json, file);
        parameters.Check(file);
        return parameters;
    }

    public string ToJson() => DataJson.Write(this);

    /// <summary>
    /// The same parameters with the group sizes of <paramref name="sizes"/>: seven comma-separated counts
    /// "train,holdout,adaptation,clinical_holdout,preclinical,cdr05,cdr1plus" (control study: training and held-out controls;
    /// clinical study: adaptation and held-out controls, then the three stages), e.g. "10000,1000,150,150,305,236,185".
    /// </summary>
    public TwoStudyParameters WithSizes(string sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var parts = sizes.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 7 || !parts.All(x => int.TryParse(x, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)))
            throw new FormatException($"'{sizes}' is not seven comma-separated counts train,holdout,adaptation,clinical_holdout,preclinical,cdr05,cdr1plus (e.g. 10000,1000,150,150,305,236,185).");
        var n = parts.Select(x => int.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var changed = this with
        {
            ControlStudy = ControlStudy with { TrainControls = n[0], HoldoutControls = n[1] },
            ClinicalStudy = ClinicalStudy with { AdaptationControls = n[2], HoldoutControls = n[3], Preclinical = n[4], Cdr05 = n[5], Cdr1plus = n[6] },
        };
        changed.Check($"sizes '{sizes}'");
        return changed;
    }

    /// <summary>Both studies' sites in file order (control study first): the order of the shift seeds.</summary>
    public IEnumerable<SiteParameters> AllSites => ControlStudy.Sites.Concat(ClinicalStudy.Sites);

    private void Check(string file)
    {
        void Require(bool ok, string column, string problem)
        {
            if (!ok) throw new CohortFormatException(file, null, column, problem);
        }
        Require(FormatVersion == 1, "format_version", $"version {FormatVersion} is not supported; expected 1.");
        Require(FeatureSets.Count > 0, "feature_sets", "at least one feature set is needed.");
        foreach (var f in FeatureSets)
        {
            Require(RegionCatalogue.Default.PresetNames.Contains(f.RegionSet, StringComparer.Ordinal), "feature_sets",
                $"region set '{f.RegionSet}' of '{f.Modality}' is not in the region catalogue ({string.Join(", ", RegionCatalogue.Default.PresetNames)}).");
            Require(RegionCatalogue.Default.Set(f.RegionSet).Regions.All(r => RegionCatalogue.Default.Set(RegionSet.MmNormVae).Contains(r.Id)), "feature_sets",
                $"region set '{f.RegionSet}' has regions outside '{RegionSet.MmNormVae}', the set the two studies are drawn over.");
        }
        Require(FeatureSets.Select(f => f.Modality).Distinct(StringComparer.Ordinal).Count() == FeatureSets.Count, "feature_sets", "modality names must be distinct.");
        var c = ControlStudy;
        Require(c.TrainControls >= 2 && c.HoldoutControls >= 1, "control_study", "needs at least 2 training and 1 held-out control.");
        Require(c.AgeMin < c.AgeMax && c.AgeSd > 0, "control_study", "age_min must be below age_max and age_sd positive.");
        Require(c.FemaleFraction is >= 0 and <= 1, "control_study.female_fraction", "must lie in [0, 1].");
        var k = ClinicalStudy;
        Require(k.AdaptationControls >= 0 && k.HoldoutControls >= 1 && k.Preclinical >= 0 && k.Cdr05 >= 0 && k.Cdr1plus >= 0 && k.Preclinical + k.Cdr05 + k.Cdr1plus > 0,
            "clinical_study", "needs at least one held-out control and one patient; no count may be negative.");
        Require(c.IdPrefix != k.IdPrefix, "clinical_study.id_prefix", "the two studies need different id prefixes (their subjects are pooled).");
        foreach (var (study, sites) in new[] { ("control_study", c.Sites), ("clinical_study", k.Sites) })
        {
            Require(sites.Count > 0, $"{study}.sites", "at least one site is needed.");
            Require(Math.Abs(sites.Sum(s => s.Weight) - 1) < 1e-6 && sites.All(s => s.Weight >= 0), $"{study}.sites", "weights must be non-negative and sum to 1.");
            Require(sites.All(s => s.LocationSd >= 0 && s.ScaleLogSd >= 0), $"{study}.sites", "location_sd and scale_log_sd must not be negative.");
        }
        Require(AllSites.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count() == c.Sites.Count + k.Sites.Count, "sites", "site names must be distinct across both studies.");
    }
}

/// <summary>The large control study: healthy subjects only, with its own age range and sites.</summary>
/// <param name="Name">Cohort name.</param>
/// <param name="IdPrefix">Prefix of its subject ids.</param>
/// <param name="TrainControls">Controls the normative models are trained on.</param>
/// <param name="HoldoutControls">Controls held out (in-distribution false-positive rate).</param>
/// <param name="AgeMean">Mean age (years), truncated to [age_min, age_max].</param>
/// <param name="AgeSd">Age SD (years).</param>
/// <param name="AgeMin">Youngest age.</param>
/// <param name="AgeMax">Oldest age.</param>
/// <param name="FemaleFraction">Probability of female sex.</param>
/// <param name="Sites">Its acquisition sites.</param>
public sealed record ControlStudyParameters(string Name, string IdPrefix, int TrainControls, int HoldoutControls,
    double AgeMean, double AgeSd, double AgeMin, double AgeMax, double FemaleFraction, IReadOnlyList<SiteParameters> Sites);

/// <summary>The clinical study: ADNI-like stages (demographics from the cohort parameters) with its own controls and sites.</summary>
/// <param name="Name">Cohort name.</param>
/// <param name="IdPrefix">Prefix of its subject ids.</param>
/// <param name="AdaptationControls">Controls used only to adapt the harmonisation to its sites (split train of this study).</param>
/// <param name="HoldoutControls">Controls never used for fitting: its out-of-sample controls.</param>
/// <param name="Preclinical">CDR 0, amyloid-positive.</param>
/// <param name="Cdr05">CDR 0.5, amyloid-positive.</param>
/// <param name="Cdr1plus">CDR 1 or more, amyloid-positive.</param>
/// <param name="Sites">Its acquisition sites.</param>
public sealed record ClinicalStudyParameters(string Name, string IdPrefix, int AdaptationControls, int HoldoutControls,
    int Preclinical, int Cdr05, int Cdr1plus, IReadOnlyList<SiteParameters> Sites);
