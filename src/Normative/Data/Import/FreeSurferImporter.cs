using System.Globalization;
using System.Text.Json.Nodes;

namespace Normative.Data.Import;

/// <summary>Where <c>normative cohort import-freesurfer</c> reads the volumes from.</summary>
/// <param name="SubjectsDirectory">A recon-all SUBJECTS_DIR: <c>&lt;dir&gt;/&lt;subject_id&gt;/stats/{aseg,lh.aparc,rh.aparc}.stats</c>.</param>
/// <param name="AsegTable">Or an <c>asegstats2table --meas volume</c> output (first column <c>Measure:volume</c>).</param>
/// <param name="AparcTables">With <c>aparcstats2table --meas volume</c> outputs, one per hemisphere (first column <c>lh.aparc.volume</c> / <c>rh.aparc.volume</c>).</param>
public sealed record FreeSurferSources(string? SubjectsDirectory = null, string? AsegTable = null, IReadOnlyList<string>? AparcTables = null);

/// <summary>The imported cohort and what the user should check.</summary>
/// <param name="Cohort">The cohort (validate it by writing and loading it).</param>
/// <param name="Notes">FreeSurfer structures left out (not in the region set), ICV taken from eTIV, renamed structures.</param>
public sealed record FreeSurferImportResult(Cohort Cohort, IReadOnlyList<string> Notes);

/// <summary>
/// Builds a cohort's MRI modality from FreeSurfer outputs — recon-all stats files or the stats2table tables —
/// for the subjects of a subjects table in the package's format, mapping FreeSurfer structure names to the
/// region set (aseg names as they are, with FreeSurfer 6's <c>*-Thalamus-Proper</c> read as <c>*-Thalamus</c>;
/// aparc structure <c>s</c> of hemisphere <c>h</c> as <c>h_s</c>). A region of the set that a subject's files lack is
/// an error naming the file and region; structures outside the set are listed in the notes. A subject without
/// <c>icv</c> gets the eTIV of its aseg (<c># Measure EstimatedTotalIntraCranialVol</c>). An optional amyloid
/// table in the package's modality format is added as a second modality (subjects may lack it).
/// </summary>
public static class FreeSurferImporter
{
    /// <summary>FreeSurfer 6 aseg names that FreeSurfer 7 renamed, old -&gt; canonical.</summary>
    private static readonly IReadOnlyDictionary<string, string> AsegAliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Left-Thalamus-Proper"] = "Left-Thalamus",
        ["Right-Thalamus-Proper"] = "Right-Thalamus",
    };

    private readonly record struct Value(double Volume, string File, int? Line, string SourceName);

    public static FreeSurferImportResult Import(FreeSurferSources sources, string subjectsPath, string? amyloidPath, string regionSet = RegionSet.Mmsivae, string name = "freesurfer")
    {
        ArgumentNullException.ThrowIfNull(sources);
        bool fromDirectory = sources.SubjectsDirectory is not null;
        bool fromTables = sources.AsegTable is not null || sources.AparcTables is { Count: > 0 };
        if (fromDirectory == fromTables)
            throw new ArgumentException("Give either --subjects-dir, or --aseg-table with --aparc-table (one per hemisphere), not both and not neither.");
        if (fromTables && (sources.AsegTable is null || sources.AparcTables is not { Count: 2 }))
            throw new ArgumentException("The table route needs --aseg-table and two --aparc-table files (lh and rh, from aparcstats2table --meas volume).");
        var regions = RegionCatalogue.Default.Set(regionSet);

        var issues = new IssueSink();
        var subjectsTable = CsvTable.Read(subjectsPath);
        var subjects = SubjectsReader.Read(subjectsTable, issues);
        if (subjects is null || issues.Count > 0) throw new CohortFormatException(issues.Items, issues.Count);

        var notes = new List<string>();
        var perSubject = fromDirectory
            ? subjects.Subjects.ToDictionary(s => s.Id, s => FromStatsFiles(sources.SubjectsDirectory!, s.Id, issues), StringComparer.Ordinal)
            : FromTables(sources.AsegTable!, sources.AparcTables!, subjects.Subjects.Select(s => s.Id).ToArray(), subjectsPath, issues);
        if (issues.Count > 0) throw new CohortFormatException(issues.Items, issues.Count);

        var rows = new double[]?[subjects.Subjects.Count];
        var completed = new List<Subject>();
        var unmapped = new SortedSet<string>(StringComparer.Ordinal);
        int fromEtiv = 0, aliased = 0;
        for (int s = 0; s < subjects.Subjects.Count; s++)
        {
            var subject = subjects.Subjects[s];
            var (values, etiv, etivWhere) = perSubject[subject.Id];
            foreach (var key in values.Keys.Where(k => !regions.Contains(k))) unmapped.Add(values[key].SourceName);
            aliased += values.Values.Count(v => AsegAliases.ContainsKey(v.SourceName));
            var row = new double[regions.Count];
            int j = 0;
            foreach (var region in regions.Regions)
            {
                if (values.TryGetValue(region.Id, out var v)) row[j] = v.Volume;
                else issues.Add(new CohortIssue(MissingWhere(region, values, sources, subject.Id), null, region.Id,
                    $"subject '{subject.Id}' has no volume for region '{region.Id}' of region set '{regions.Name}' (FreeSurfer name '{FreeSurferName(region)}')."));
                j++;
            }
            rows[s] = row;
            if (subject.IcvMm3 is null)
            {
                if (etiv is double icv) { completed.Add(subject with { IcvMm3 = icv }); fromEtiv++; }
                else
                {
                    issues.Add(new CohortIssue(etivWhere, null, "EstimatedTotalIntraCranialVol",
                        $"subject '{subject.Id}' has no icv in {subjectsPath} and no eTIV here ('# Measure EstimatedTotalIntraCranialVol' / column eTIV)."));
                    completed.Add(subject);
                }
            }
            else completed.Add(subject);
        }
        if (issues.Count > 0) throw new CohortFormatException(issues.Items, issues.Count);
        if (unmapped.Count > 0)
            notes.Add($"{unmapped.Count} FreeSurfer structures are not in region set '{regions.Name}' and were left out: {string.Join(", ", unmapped)}.");
        if (fromEtiv > 0) notes.Add($"icv of {fromEtiv} subject(s) taken from FreeSurfer's eTIV (EstimatedTotalIntraCranialVol).");
        if (aliased > 0) notes.Add($"FreeSurfer 6 names Left/Right-Thalamus-Proper read as Left/Right-Thalamus ({aliased} values).");

        var mri = new ModalityEntry { Name = "mri", File = "mri.csv", Unit = ModalityUnit.Mm3, RegionSet = regions.Name };
        var entries = new List<ModalityEntry> { mri };
        var tables = new List<ModalityTable> { new(mri, regions, rows) };
        if (amyloidPath is not null)
        {
            var amyloid = new ModalityEntry { Name = "amyloid", File = "amyloid.csv", Unit = ModalityUnit.Suvr, RegionSet = regions.Name, AllowMissing = true };
            var completedTable = new SubjectsTable(completed, subjects.SpreadsheetRowOf);
            var table = ModalityReader.Read(CsvTable.Read(amyloidPath), amyloid, regions, completedTable, subjectsPath, issues);
            if (issues.Count > 0 || table is null) throw new CohortFormatException(issues.Items, issues.Count);
            entries.Add(amyloid);
            tables.Add(table);
        }
        var manifest = new CohortManifest
        {
            Name = name,
            Description = "Imported with 'normative cohort import-freesurfer'.",
            Subjects = "subjects.csv",
            Modalities = entries,
            Provenance = new JsonObject
            {
                ["importer"] = "normative cohort import-freesurfer",
                ["subjects"] = Path.GetFullPath(subjectsPath),
                ["freesurfer"] = fromDirectory ? Path.GetFullPath(sources.SubjectsDirectory!) : $"{Path.GetFullPath(sources.AsegTable!)}; {string.Join("; ", sources.AparcTables!.Select(Path.GetFullPath))}",
                ["amyloid"] = amyloidPath is null ? null : Path.GetFullPath(amyloidPath),
            },
        };
        return new FreeSurferImportResult(new Cohort(manifest, completed, tables), notes);
    }

    private static string FreeSurferName(Region region) =>
        region.Id.StartsWith("lh_", StringComparison.Ordinal) || region.Id.StartsWith("rh_", StringComparison.Ordinal) ? region.Id[3..] : region.Id;

    private static string MissingWhere(Region region, IReadOnlyDictionary<string, Value> values, FreeSurferSources sources, string subject)
    {
        bool cortical = region.Id.StartsWith("lh_", StringComparison.Ordinal) || region.Id.StartsWith("rh_", StringComparison.Ordinal);
        if (sources.SubjectsDirectory is { } dir)
            return Path.Combine(dir, subject, "stats", cortical ? $"{region.Id[..2]}.aparc.stats" : "aseg.stats");
        return cortical ? sources.AparcTables!.FirstOrDefault(t => Path.GetFileName(t).Contains(region.Id[..2], StringComparison.Ordinal)) ?? sources.AparcTables![0] : sources.AsegTable!;
    }

    private static (Dictionary<string, Value> Values, double? Etiv, string EtivWhere) FromStatsFiles(string directory, string subject, IssueSink issues)
    {
        var values = new Dictionary<string, Value>(StringComparer.Ordinal);
        string stats = Path.Combine(directory, subject, "stats");
        string asegPath = Path.Combine(stats, "aseg.stats");
        double? etiv = null;
        try
        {
            var aseg = FreeSurferStats.Read(asegPath, "Volume_mm3");
            foreach (var (structure, (volume, line)) in aseg.Volumes)
                values[AsegAliases.TryGetValue(structure, out var canonical) ? canonical : structure] = new Value(volume, asegPath, line, structure);
            if (aseg.Measures.TryGetValue("EstimatedTotalIntraCranialVol", out var e) || aseg.Measures.TryGetValue("eTIV", out e)) etiv = e.Value;
        }
        catch (CohortFormatException error)
        {
            issues.AddRange(error.Issues);
        }
        foreach (var hemi in new[] { "lh", "rh" })
        {
            string path = Path.Combine(stats, $"{hemi}.aparc.stats");
            try
            {
                var aparc = FreeSurferStats.Read(path, "GrayVol");
                if (aparc.Hemisphere is { } h && h != hemi)
                    issues.Add(new CohortIssue(path, null, "# hemi", $"the file says hemisphere '{h}' but is named {hemi}.aparc.stats."));
                foreach (var (structure, (volume, line)) in aparc.Volumes) values[$"{hemi}_{structure}"] = new Value(volume, path, line, $"{hemi}.{structure}");
            }
            catch (CohortFormatException error)
            {
                issues.AddRange(error.Issues);
            }
        }
        return (values, etiv, asegPath);
    }

    private static Dictionary<string, (Dictionary<string, Value>, double?, string)> FromTables(string asegTable, IReadOnlyList<string> aparcTables,
        IReadOnlyList<string> subjectIds, string subjectsPath, IssueSink issues)
    {
        var result = subjectIds.ToDictionary(id => id, _ => (new Dictionary<string, Value>(StringComparer.Ordinal), (double?)null, asegTable), StringComparer.Ordinal);
        void Read(string path, bool aseg)
        {
            var table = StatsTable.Read(path, issues);
            if (table is null) return;
            string measure = table.Header[0];
            if (aseg ? !measure.StartsWith("Measure:volume", StringComparison.Ordinal)
                     : !(measure is "lh.aparc.volume" or "rh.aparc.volume"))
            {
                issues.Add(new CohortIssue(path, 1, measure, aseg
                    ? "the first header cell is not 'Measure:volume'; write the table with asegstats2table --meas volume."
                    : "the first header cell is not 'lh.aparc.volume' or 'rh.aparc.volume'; write the table with aparcstats2table --meas volume (thickness or area are not volumes)."));
                return;
            }
            string hemi = aseg ? "" : measure[..2];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int r = 0; r < table.Rows.Count; r++)
            {
                var cells = table.Rows[r];
                int row = r + 2;
                string id = cells[0].Trim();
                if (!result.TryGetValue(id, out var entry))
                {
                    issues.Add(new CohortIssue(path, row, measure, $"subject '{id}' is not in the subjects table {subjectsPath}."));
                    continue;
                }
                if (!seen.Add(id)) { issues.Add(new CohortIssue(path, row, measure, $"subject '{id}' appears twice.")); continue; }
                for (int c = 1; c < table.Header.Count; c++)
                {
                    string column = table.Header[c];
                    if (!SubjectColumns.TryParseFinite(cells[c], out double value))
                    {
                        issues.Add(new CohortIssue(path, row, column, $"'{cells[c]}' is not a number."));
                        continue;
                    }
                    if (column is "EstimatedTotalIntraCranialVol" or "eTIV")
                    {
                        if (aseg || entry.Item2 is null) result[id] = entry = (entry.Item1, value, path);
                        continue;
                    }
                    if (aseg) entry.Item1[AsegAliases.TryGetValue(column, out var canonical) ? canonical : column] = new Value(value, path, row, column);
                    else if (column.StartsWith(hemi + "_", StringComparison.Ordinal) && column.EndsWith("_volume", StringComparison.Ordinal))
                        entry.Item1[column[..^"_volume".Length]] = new Value(value, path, row, column);
                    else entry.Item1[column] = new Value(value, path, row, column); // e.g. BrainSegVolNotVent: reported as left out
                }
            }
            foreach (var id in subjectIds.Where(i => !seen.Contains(i)))
                issues.Add(new CohortIssue(path, null, measure, $"subject '{id}' (in {subjectsPath}) has no row here."));
        }
        Read(asegTable, aseg: true);
        foreach (var path in aparcTables) Read(path, aseg: false);
        return result;
    }

    /// <summary>A stats2table output: tab-, comma- or space-separated, header first.</summary>
    private sealed record StatsTable(IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows)
    {
        public static StatsTable? Read(string path, IssueSink issues)
        {
            if (!File.Exists(path)) { issues.Add(new CohortIssue(path, null, null, "file not found.")); return null; }
            var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToArray();
            if (lines.Length == 0) { issues.Add(new CohortIssue(path, null, null, "the file is empty.")); return null; }
            Func<string, string[]> split = lines[0].Contains('\t') ? l => l.Split('\t')
                : lines[0].Contains(',') ? l => l.Split(',')
                : l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var header = split(lines[0]).Select(h => h.Trim()).ToArray();
            var rows = new List<string[]>();
            for (int i = 1; i < lines.Length; i++)
            {
                var cells = split(lines[i]);
                if (cells.Length != header.Length)
                {
                    issues.Add(new CohortIssue(path, i + 1, null, string.Create(CultureInfo.InvariantCulture, $"the row has {cells.Length} fields but the header has {header.Length}.")));
                    continue;
                }
                rows.Add(cells);
            }
            return new StatsTable(header, rows);
        }
    }
}
