using System.Text.RegularExpressions;

namespace Normative.Data;

/// <summary>
/// Reads a cohort (manifest + subjects CSV + one CSV per modality) into a <see cref="Cohort"/>, validating
/// it against data-schemas/ and the region catalogue. Every problem becomes a <see cref="CohortIssue"/>
/// naming file, 1-based row and column; nothing is dropped, imputed or reordered silently.
/// </summary>
public static partial class CohortLoader
{
    /// <summary>Problems beyond this count are not collected (the first ones are what a user fixes first).</summary>
    public const int MaxIssues = 200;

    /// <summary>Loads the cohort at <paramref name="path"/> (a folder holding cohort.json, or a manifest file).</summary>
    /// <exception cref="CohortFormatException">The files are missing, malformed or inconsistent.</exception>
    public static Cohort Load(string path)
    {
        var check = Check(path);
        if (check.Issues.Count > 0) throw new CohortFormatException(check.Issues, check.TotalIssues);
        return check.Cohort!;
    }

    /// <summary>
    /// Loads a cohort whose subjects are to be scored by an already trained model: the same checks as
    /// <see cref="Load"/> except that it need not hold training controls (the model brings its own reference).
    /// </summary>
    /// <exception cref="CohortFormatException">The files are missing, malformed or inconsistent.</exception>
    public static Cohort LoadForScoring(string path)
    {
        var check = Check(path, requireTrainingControls: false);
        if (check.Issues.Count > 0) throw new CohortFormatException(check.Issues, check.TotalIssues);
        return check.Cohort!;
    }

    /// <summary>Every problem in the cohort at <paramref name="path"/> (empty when it loads; at most <see cref="MaxIssues"/>).</summary>
    public static IReadOnlyList<CohortIssue> Validate(string path) => Check(path).Issues;

    /// <summary>The manifest path for <paramref name="path"/>: the file itself, or cohort.json inside a folder.</summary>
    public static string ResolveManifestPath(string path) =>
        Directory.Exists(path) ? Path.Combine(path, CohortManifest.DefaultFileName) : path;

    /// <summary>Loads the cohort if it is valid, and lists its (first <see cref="MaxIssues"/>) problems either way.</summary>
    public static (Cohort? Cohort, IReadOnlyList<CohortIssue> Issues) Inspect(string path)
    {
        var check = Check(path);
        return (check.Cohort, check.Issues);
    }

    /// <summary>Loads the cohort if it is valid; lists its first problems and counts all of them.</summary>
    /// <param name="path">Cohort folder or manifest.</param>
    /// <param name="requireTrainingControls">False for a cohort that is only scored (<see cref="LoadForScoring"/>).</param>
    public static CohortValidation Check(string path, bool requireTrainingControls = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var issues = new IssueSink();
        try
        {
            var cohort = Read(ResolveManifestPath(path), issues, requireTrainingControls);
            return new CohortValidation(issues.Count == 0 ? cohort : null, issues.Items, issues.Count);
        }
        catch (CohortFormatException fatal)
        {
            issues.AddRange(fatal.Issues);
            return new CohortValidation(null, issues.Items, issues.Count);
        }
    }

    private static Cohort? Read(string manifestPath, IssueSink issues, bool requireTrainingControls)
    {
        var manifest = DataJson.Read<CohortManifest>(manifestPath);
        var regionSets = CheckManifest(manifest, manifestPath, issues);
        if (issues.Count > 0) return null;

        string folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        string subjectsPath = Path.Combine(folder, manifest.Subjects);
        var subjectsTable = CsvTable.Read(subjectsPath);
        var subjects = SubjectsReader.Read(subjectsTable, issues);
        if (subjects is null) return null;
        SubjectsReader.CheckIcv(subjectsTable, subjects, manifest, issues);

        var tables = new List<ModalityTable>();
        for (int m = 0; m < manifest.Modalities.Count; m++)
        {
            var entry = manifest.Modalities[m];
            string file = Path.Combine(folder, entry.File);
            try
            {
                var table = ModalityReader.Read(CsvTable.Read(file), entry, regionSets[m], subjects, subjectsPath, issues);
                if (table is not null) tables.Add(table);
            }
            catch (CohortFormatException missing)
            {
                issues.AddRange(missing.Issues);
            }
        }
        if (issues.Count > 0 || tables.Count != manifest.Modalities.Count) return null;

        var cohort = new Cohort(manifest, subjects.Subjects, tables);
        if (requireTrainingControls) CohortChecks.Run(cohort, subjectsPath, folder, issues);
        return cohort;
    }

    private static RegionSet[] CheckManifest(CohortManifest manifest, string file, IssueSink issues)
    {
        if (manifest.FormatVersion != 1)
            issues.Add(new CohortIssue(file, null, "format_version", $"format version {manifest.FormatVersion} is not supported; this package reads version 1."));
        if (string.IsNullOrWhiteSpace(manifest.Name)) issues.Add(new CohortIssue(file, null, "name", "the cohort name is empty."));
        if (string.IsNullOrWhiteSpace(manifest.Subjects)) issues.Add(new CohortIssue(file, null, "subjects", "the subjects file is empty."));
        if (manifest.Modalities.Count == 0) issues.Add(new CohortIssue(file, null, "modalities", "at least one modality is required."));
        var sets = new RegionSet[manifest.Modalities.Count];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int m = 0; m < manifest.Modalities.Count; m++)
        {
            var entry = manifest.Modalities[m];
            string at = $"modalities[{m}]";
            if (!ModalityNamePattern().IsMatch(entry.Name))
                issues.Add(new CohortIssue(file, null, $"{at}.name", $"modality name '{entry.Name}' must be lower-case letters and digits (e.g. 'mri', 'amyloid')."));
            else if (!names.Add(entry.Name))
                issues.Add(new CohortIssue(file, null, $"{at}.name", $"modality '{entry.Name}' is listed twice."));
            if (string.IsNullOrWhiteSpace(entry.File)) issues.Add(new CohortIssue(file, null, $"{at}.file", "the modality file is empty."));
            if (RegionCatalogue.Default.PresetNames.Contains(entry.RegionSet, StringComparer.Ordinal))
                sets[m] = RegionCatalogue.Default.Set(entry.RegionSet);
            else
                issues.Add(new CohortIssue(file, null, $"{at}.region_set",
                    $"unknown region set '{entry.RegionSet}'; known sets: {string.Join(", ", RegionCatalogue.Default.PresetNames)}."));
        }
        return sets;
    }

    [GeneratedRegex("^[a-z][a-z0-9]*$")]
    private static partial Regex ModalityNamePattern();
}
