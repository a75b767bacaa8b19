namespace Normative.Data.Synthetic;

/// <summary>
/// The planted truth of a synthetic cohort: per subject the stage, subtype, severity, amyloid excess and the
/// planted effect in every region of every modality. Written beside the data as <c>ground_truth.csv</c>
/// (columns documented in data-schemas/README.md) so experiments can check recovered deviations against it.
/// </summary>
public sealed class SyntheticGroundTruth
{
    /// <summary>File name written by <see cref="SyntheticCohort.Write"/>.</summary>
    public const string DefaultFileName = "ground_truth.csv";

    private readonly Dictionary<string, int> _index;

    public SyntheticGroundTruth(IReadOnlyList<string> modalityNames, RegionSet regions, IReadOnlyList<PlantedSubject> subjects)
    {
        ArgumentNullException.ThrowIfNull(modalityNames);
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(subjects);
        foreach (var s in subjects)
        {
            if (s.Effects.Length != modalityNames.Count || s.Effects.Any(e => e.Length != regions.Count))
                throw new ArgumentException($"Subject '{s.SubjectId}' has effects of the wrong shape.", nameof(subjects));
        }
        ModalityNames = modalityNames;
        Regions = regions;
        Subjects = subjects;
        _index = subjects.Select((s, i) => (s.SubjectId, i)).ToDictionary(p => p.SubjectId, p => p.i, StringComparer.Ordinal);
    }

    public IReadOnlyList<string> ModalityNames { get; }

    /// <summary>Region set shared by the modalities.</summary>
    public RegionSet Regions { get; }

    public IReadOnlyList<PlantedSubject> Subjects { get; }

    /// <summary>The planted record of <paramref name="subjectId"/>.</summary>
    public PlantedSubject this[string subjectId] =>
        _index.TryGetValue(subjectId, out int i) ? Subjects[i] : throw new KeyNotFoundException($"Subject '{subjectId}' is not in the ground truth.");

    /// <summary>Planted effect of <paramref name="subjectId"/> in <paramref name="regionId"/> of <paramref name="modality"/> (raw units).</summary>
    public double Effect(string subjectId, string modality, string regionId)
    {
        int m = ModalityIndex(modality);
        int j = Regions.IndexOf(regionId);
        if (j < 0) throw new ArgumentException($"Region '{regionId}' is not in region set '{Regions.Name}'.", nameof(regionId));
        return this[subjectId].Effects[m][j];
    }

    /// <summary>Index of <paramref name="modality"/> in <see cref="ModalityNames"/>.</summary>
    public int ModalityIndex(string modality)
    {
        for (int m = 0; m < ModalityNames.Count; m++)
            if (ModalityNames[m] == modality) return m;
        throw new ArgumentException($"The ground truth has no modality '{modality}'.", nameof(modality));
    }

    private static readonly string[] FixedColumns = ["subject_id", "stage", "subtype", "severity", "amyloid_burden", "amyloid_excess", "summary_suvr"];

    /// <summary>Writes the ground truth as CSV (round-trip numbers, LF line ends).</summary>
    public void Write(string path)
    {
        using var writer = CohortWriter.NewWriter(path);
        int factors = Subjects.Count > 0 ? Subjects[0].SharedFactors.Length : 0;
        var header = FixedColumns
            .Concat(Enumerable.Range(1, factors).Select(k => $"shared_{k}"))
            .Concat(ModalityNames.SelectMany(m => Regions.Ids.Select(r => Cohort.ColumnName(m, r))));
        CsvFormat.WriteRow(writer, header);
        foreach (var s in Subjects)
        {
            CsvFormat.WriteRow(writer,
                new[] { s.SubjectId, FormatStage(s.Stage), s.Subtype, CsvFormat.Number(s.Severity), CsvFormat.Number(s.AmyloidBurden), CsvFormat.Number(s.AmyloidExcess), CsvFormat.Number(s.SummarySuvr) }
                    .Concat(s.SharedFactors.Select(CsvFormat.Number))
                    .Concat(s.Effects.SelectMany(e => e.Select(CsvFormat.Number))));
        }
    }

    /// <summary>Loads the ground truth of the cohort at <paramref name="cohortPath"/> (folder or manifest) via the manifest's <c>ground_truth</c> entry.</summary>
    public static SyntheticGroundTruth Load(string cohortPath)
    {
        string manifestPath = CohortLoader.ResolveManifestPath(cohortPath);
        var manifest = DataJson.Read<CohortManifest>(manifestPath);
        if (manifest.GroundTruth is null)
            throw new CohortFormatException(manifestPath, null, "ground_truth", "the manifest names no ground-truth file (only synthetic cohorts have one).");
        string file = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(manifestPath))!, manifest.GroundTruth);
        // Feature-set cohorts (MRI drawn once over one region set, written as several tables) keep the truth as one "mri"
        // modality over the drawn set, which the provenance names.
        if (manifest.Provenance?["feature_sets"] is not null && manifest.Provenance["region_set"]?.GetValue<string>() is { } drawn)
            return Read(file, [SyntheticModalities.Mri], RegionCatalogue.Default.Set(drawn));
        var sets = manifest.Modalities.Select(m => m.RegionSet).Distinct().ToArray();
        if (sets.Length != 1)
            throw new CohortFormatException(manifestPath, null, "modalities", "a synthetic cohort's modalities share one region set.");
        return Read(file, manifest.Modalities.Select(m => m.Name).ToArray(), RegionCatalogue.Default.Set(sets[0]));
    }

    /// <summary>Reads a ground-truth CSV whose effect columns are <c>&lt;modality&gt;__&lt;region&gt;</c> for <paramref name="modalityNames"/> x <paramref name="regions"/>.</summary>
    public static SyntheticGroundTruth Read(string path, IReadOnlyList<string> modalityNames, RegionSet regions)
    {
        var table = CsvTable.Read(path);
        var issues = new IssueSink();
        issues.CheckDuplicateColumns(table);
        var factorColumns = table.Header.Where(h => h.StartsWith("shared_", StringComparison.Ordinal)).ToArray();
        var effectColumns = modalityNames.Select(m => regions.Ids.Select(r => Cohort.ColumnName(m, r)).ToArray()).ToArray();
        foreach (var column in FixedColumns.Concat(effectColumns.SelectMany(c => c)).Where(c => table.ColumnIndex(c) < 0))
            issues.Add(new CohortIssue(path, 1, column, "missing column."));
        if (issues.Count > 0) throw new CohortFormatException(issues.Items);

        var subjects = new List<PlantedSubject>();
        for (int i = 0; i < table.RowCount; i++)
        {
            double Number(string column) => issues.Number(table, i, table.ColumnIndex(column)) ?? double.NaN;
            string stageText = table.Cell(i, "stage");
            if (!TryParseStage(stageText, out var stage))
                issues.Add(new CohortIssue(path, CsvTable.SpreadsheetRow(i), "stage", $"'{stageText}' is not a stage (control, preclinical, cdr05, cdr1plus, aneg_impaired)."));
            subjects.Add(new PlantedSubject(
                table.Cell(i, "subject_id"), stage, table.Cell(i, "subtype"),
                Number("severity"), Number("amyloid_burden"), Number("amyloid_excess"), Number("summary_suvr"),
                factorColumns.Select(Number).ToArray(),
                effectColumns.Select(cols => cols.Select(Number).ToArray()).ToArray()));
        }
        if (issues.Count > 0) throw new CohortFormatException(issues.Items);
        return new SyntheticGroundTruth(modalityNames, regions, subjects);
    }

    /// <summary>Stage code used in the ground-truth file.</summary>
    public static string FormatStage(ClinicalStage stage) => stage switch
    {
        ClinicalStage.Control => "control",
        ClinicalStage.Preclinical => "preclinical",
        ClinicalStage.Cdr05 => "cdr05",
        ClinicalStage.Cdr1Plus => "cdr1plus",
        ClinicalStage.AmyloidNegativeImpaired => "aneg_impaired",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };

    private static bool TryParseStage(string text, out ClinicalStage stage)
    {
        foreach (var candidate in Enum.GetValues<ClinicalStage>())
        {
            if (FormatStage(candidate) != text) continue;
            stage = candidate;
            return true;
        }
        stage = default;
        return false;
    }
}
