using System.Text.Json.Nodes;

namespace Normative.Data.Import;

/// <summary>
/// Turns a user's plain tables — one subjects table and one table per modality, any column names — into a
/// cohort, following a <see cref="TableMapping"/>. Every problem names the source file, its spreadsheet row
/// (header = 1) and column; nothing is dropped: an unmapped column must be mapped or listed in
/// <c>ignore_columns</c>, a subject without a modality row needs <c>allow_missing</c>.
/// </summary>
public static class TableImporter
{
    /// <summary>Reads and translates the tables.</summary>
    /// <param name="subjectsPath">The subjects table (CSV).</param>
    /// <param name="modalities">Per modality its name (a key of <see cref="TableMapping.Modalities"/>) and CSV path, in model order.</param>
    /// <param name="mapping">The mapping.</param>
    /// <param name="mappingPath">Where the mapping came from (named in errors about it).</param>
    /// <param name="name">Cohort name written into the manifest.</param>
    /// <exception cref="CohortFormatException">Every problem found, each naming file, row and column.</exception>
    public static Cohort Import(string subjectsPath, IReadOnlyList<(string Name, string Path)> modalities, TableMapping mapping,
        string mappingPath = "mapping", string name = "imported")
    {
        ArgumentNullException.ThrowIfNull(modalities);
        ArgumentNullException.ThrowIfNull(mapping);
        var issues = new IssueSink();
        if (modalities.Count == 0) issues.Add(new CohortIssue(mappingPath, null, "modalities", "at least one --modality NAME=FILE is required."));
        foreach (var (modality, _) in modalities.Where(m => !mapping.Modalities.ContainsKey(m.Name)))
            issues.Add(new CohortIssue(mappingPath, null, $"modalities.{modality}", $"modality '{modality}' was given on the command line but the mapping does not describe it (known: {string.Join(", ", mapping.Modalities.Keys)})."));
        if (!(mapping.Split.HoldoutFraction is > 0 and < 1))
            issues.Add(new CohortIssue(mappingPath, null, "split.holdout_fraction", $"{mapping.Split.HoldoutFraction} must lie in (0, 1)."));
        Throw(issues);

        var subjects = ReadSubjects(CsvTable.Read(subjectsPath), mapping, issues);
        var entries = new List<ModalityEntry>();
        var tables = new List<ModalityTable>();
        foreach (var (modality, path) in modalities)
        {
            var fields = mapping.Modalities[modality];
            if (!RegionCatalogue.Default.PresetNames.Contains(fields.RegionSet, StringComparer.Ordinal))
            {
                issues.Add(new CohortIssue(mappingPath, null, $"modalities.{modality}.region_set", $"unknown region set '{fields.RegionSet}'; known sets: {string.Join(", ", RegionCatalogue.Default.PresetNames)}."));
                continue;
            }
            var entry = new ModalityEntry
            {
                Name = modality, File = $"{modality}.csv", Unit = fields.Unit, RegionSet = fields.RegionSet,
                AllowMissing = fields.AllowMissing, NormaliseByIcv = fields.NormaliseByIcv,
            };
            var table = ReadModality(CsvTable.Read(path), entry, fields, mapping.Subjects.Id.Column, RegionCatalogue.Default.Set(fields.RegionSet), subjects, mappingPath, issues);
            entries.Add(entry);
            if (table is not null) tables.Add(table);
        }
        if (subjects is not null && entries.Any(e => e.DividesByIcv))
        {
            foreach (var (subject, row) in subjects.Rows.Where(r => r.Subject.IcvMm3 is null))
            {
                string column = mapping.Subjects.Icv?.Column ?? "icv";
                issues.Add(new CohortIssue(subjectsPath, mapping.Subjects.Icv is null ? null : row, column,
                    mapping.Subjects.Icv is null
                        ? $"no ICV column is mapped, but modality {string.Join(", ", entries.Where(e => e.DividesByIcv).Select(e => $"'{e.Name}'"))} divides by ICV (map 'icv', or set normalise_by_icv: false)."
                        : $"subject '{subject.Id}' has no ICV, but modality {string.Join(", ", entries.Where(e => e.DividesByIcv).Select(e => $"'{e.Name}'"))} divides by it."));
                if (mapping.Subjects.Icv is null) break;
            }
        }
        Throw(issues);

        var manifest = new CohortManifest
        {
            Name = name,
            Description = "Imported with 'normative cohort import-table'.",
            Subjects = "subjects.csv",
            Modalities = entries,
            Provenance = new JsonObject
            {
                ["importer"] = "normative cohort import-table",
                ["subjects"] = Path.GetFullPath(subjectsPath),
                ["modalities"] = new JsonObject(modalities.Select(m => KeyValuePair.Create(m.Name, (JsonNode?)JsonValue.Create(Path.GetFullPath(m.Path))))),
                ["mapping"] = mappingPath,
            },
        };
        return new Cohort(manifest, subjects!.Rows.Select(r => r.Subject).ToArray(), tables);
    }

    /// <summary>The subjects with the spreadsheet row each came from.</summary>
    internal sealed record ImportedSubjects(IReadOnlyList<(Subject Subject, int Row)> Rows)
    {
        public int IndexOf(string id)
        {
            for (int i = 0; i < Rows.Count; i++)
                if (Rows[i].Subject.Id == id) return i;
            return -1;
        }
    }

    private static ImportedSubjects? ReadSubjects(CsvTable table, TableMapping mapping, IssueSink issues)
    {
        var f = mapping.Subjects;
        int before = issues.Count;
        issues.CheckDuplicateColumns(table);
        var mapped = new (string Field, ColumnMap? Map)[]
        {
            ("id", f.Id), ("age", f.Age), ("sex", f.Sex), ("group", f.Group), ("cdr", f.Cdr), ("amyloid_positive", f.AmyloidPositive),
            ("split", f.Split), ("icv", f.Icv), ("adas13", f.Adas13), ("site", f.Site),
        };
        foreach (var (field, map) in mapped)
        {
            if (map is not null && table.ColumnIndex(map.Column) < 0)
                issues.Add(new CohortIssue(table.File, 1, map.Column, $"missing column (the mapping reads '{field}' from it)."));
        }
        if (issues.Count > before) return null;

        var rows = new List<(Subject, int)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < table.RowCount; i++)
        {
            int row = CsvTable.SpreadsheetRow(i);
            int rowBefore = issues.Count;
            void Bad(ColumnMap map, string problem) => issues.Add(new CohortIssue(table.File, row, map.Column, problem));
            string Raw(ColumnMap map) => table.Cell(i, map.Column).Trim();
            string? Code(ColumnMap map, string field)
            {
                string raw = Raw(map);
                var code = map.Translate(raw);
                if (code is null) Bad(map, $"'{raw}' is not listed in the mapping's values for '{field}' ({string.Join(", ", map.Values!.Keys.Select(k => $"'{k}'"))}).");
                return code;
            }
            double? Number(ColumnMap map, bool optional)
            {
                string raw = Raw(map);
                if (raw.Length == 0)
                {
                    if (!optional) Bad(map, "empty value in a required field.");
                    return null;
                }
                if (SubjectColumns.TryParseFinite(map.Translate(raw) ?? raw, out double v)) return v;
                Bad(map, $"'{raw}' is not a finite number.");
                return null;
            }

            string id = Raw(f.Id);
            if (id.Length == 0) Bad(f.Id, "empty subject id.");
            else if (!seen.TryAdd(id, row)) Bad(f.Id, $"duplicate subject id '{id}' (first on row {seen[id]}).");
            double? age = Number(f.Age, optional: false);
            if (age is <= 0 or >= 130) Bad(f.Age, $"age {age} years is outside (0, 130).");
            var sexCode = Code(f.Sex, "sex");
            Sex sex = default;
            if (sexCode is not null && !SubjectColumns.TryParseSex(sexCode, out sex)) Bad(f.Sex, $"'{sexCode}' is not a sex code; expected F or M (translate with \"values\").");
            var groupCode = Code(f.Group, "group");
            SubjectGroup group = default;
            if (groupCode is not null && !SubjectColumns.TryParseGroup(groupCode, out group)) Bad(f.Group, $"'{groupCode}' is not a group; expected control or patient (translate with \"values\").");

            double cdr = 0;
            if (f.Cdr is not null)
            {
                if (Number(f.Cdr, optional: false) is double c)
                {
                    if (Subject.CdrValues.Contains(c)) cdr = c;
                    else Bad(f.Cdr, $"{c} is not a CDR global score; expected 0, 0.5, 1, 2 or 3.");
                }
            }
            else if (groupCode is not null && group == SubjectGroup.Patient)
                issues.Add(new CohortIssue(table.File, row, f.Group.Column, "a patient needs a CDR, but the mapping maps no 'cdr' column."));
            bool amyloid = false;
            if (f.AmyloidPositive is not null)
            {
                if (Code(f.AmyloidPositive, "amyloid_positive") is { } code && !SubjectColumns.TryParseBoolean(code, out amyloid))
                    Bad(f.AmyloidPositive, $"'{code}' is not a boolean; expected true or false (translate with \"values\").");
            }
            else if (groupCode is not null && group == SubjectGroup.Patient)
                issues.Add(new CohortIssue(table.File, row, f.Group.Column, "a patient needs an amyloid status, but the mapping maps no 'amyloid_positive' column."));
            Split? split = null;
            if (f.Split is not null && Code(f.Split, "split") is { } splitCode)
            {
                if (SubjectColumns.TryParseSplit(splitCode, out var s)) split = s;
                else Bad(f.Split, $"'{splitCode}' is not a split; expected train, holdout or test.");
            }
            double? icv = f.Icv is null ? null : Number(f.Icv, optional: true);
            if (icv is <= 0) Bad(f.Icv!, $"intracranial volume {icv} mm3 must be positive.");
            double? adas13 = f.Adas13 is null ? null : Number(f.Adas13, optional: true);
            if (adas13 is < 0 or > 85) Bad(f.Adas13!, $"ADAS13 {adas13} is outside [0, 85].");
            string? site = f.Site is not null && Raw(f.Site).Length > 0 ? Code(f.Site, "site") : null;
            if (issues.Count > rowBefore) continue;

            if (group == SubjectGroup.Control && cdr != 0) issues.Add(new CohortIssue(table.File, row, f.Cdr!.Column, $"a control must have CDR 0, not {cdr}."));
            if (group == SubjectGroup.Control && amyloid) issues.Add(new CohortIssue(table.File, row, f.AmyloidPositive!.Column, "a control must be amyloid-negative."));
            if (group == SubjectGroup.Patient && split is Split.Train or Split.Holdout)
                issues.Add(new CohortIssue(table.File, row, f.Split!.Column, "a patient must be in the test split (train and holdout hold controls only)."));
            if (issues.Count > rowBefore) continue;
            var resolvedSplit = split ?? (group == SubjectGroup.Patient ? Split.Test : Split.Train);
            rows.Add((new Subject(id, resolvedSplit, group, cdr, amyloid, age!.Value, sex, icv, adas13, site), row));
        }
        if (issues.Count > before) return null;
        if (f.Split is null) rows = SplitControls(rows, mapping.Split);
        return new ImportedSubjects(rows);
    }

    /// <summary>Assigns round(fraction x controls) controls, chosen by a seeded shuffle, to the hold-out split.</summary>
    private static List<(Subject, int)> SplitControls(List<(Subject Subject, int Row)> rows, SplitRule rule)
    {
        var controls = rows.Select((r, i) => (r, i)).Where(x => x.r.Subject.Group == SubjectGroup.Control).Select(x => x.i).ToArray();
        var random = new Random(rule.Seed);
        var order = controls.OrderBy(_ => random.Next()).ToArray();
        var holdout = order.Take((int)Math.Round(rule.HoldoutFraction * controls.Length)).ToHashSet();
        return rows.Select((r, i) => holdout.Contains(i) ? (r.Subject with { Split = Split.Holdout }, r.Row) : (r.Subject, r.Row)).ToList();
    }

    private static ModalityTable? ReadModality(CsvTable table, ModalityEntry entry, ModalityFields fields, string defaultId, RegionSet regions,
        ImportedSubjects? subjects, string mappingPath, IssueSink issues)
    {
        int before = issues.Count;
        issues.CheckDuplicateColumns(table);
        string idColumn = fields.Id ?? defaultId;
        if (table.ColumnIndex(idColumn) < 0) issues.Add(new CohortIssue(table.File, 1, idColumn, "missing subject-id column."));
        foreach (var key in (fields.Columns ?? new Dictionary<string, string>()).Keys.Where(k => !regions.Contains(k)))
            issues.Add(new CohortIssue(mappingPath, null, $"modalities.{entry.Name}.columns.{key}", $"'{key}' is not a region of region set '{regions.Name}'."));
        var source = regions.Ids.Select(r => fields.Columns is not null && fields.Columns.TryGetValue(r, out var c) ? c : r).ToArray();
        for (int j = 0; j < source.Length; j++)
        {
            if (table.ColumnIndex(source[j]) < 0)
                issues.Add(new CohortIssue(table.File, 1, source[j], $"missing column for region '{regions.Regions[j].Id}' of region set '{regions.Name}' (map it under modalities.{entry.Name}.columns)."));
        }
        var known = source.Append(idColumn).Concat(fields.IgnoreColumns ?? []).ToHashSet(StringComparer.Ordinal);
        foreach (var column in table.Header.Where(c => !known.Contains(c)).Distinct())
            issues.Add(new CohortIssue(table.File, 1, column, $"unmapped column; map it to a region under modalities.{entry.Name}.columns or list it in ignore_columns."));
        if (issues.Count > before || subjects is null) return null;

        var columns = source.Select(table.ColumnIndex).ToArray();
        int idIndex = table.ColumnIndex(idColumn);
        var rows = new double[]?[subjects.Rows.Count];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < table.RowCount; i++)
        {
            int row = CsvTable.SpreadsheetRow(i);
            string id = table.Row(i)[idIndex].Trim();
            if (id.Length == 0) { issues.Add(new CohortIssue(table.File, row, idColumn, "empty subject id.")); continue; }
            if (!seen.TryAdd(id, row)) { issues.Add(new CohortIssue(table.File, row, idColumn, $"duplicate subject id '{id}' (first on row {seen[id]}).")); continue; }
            int s = subjects.IndexOf(id);
            if (s < 0) { issues.Add(new CohortIssue(table.File, row, idColumn, $"subject '{id}' is not in the subjects table.")); continue; }
            int rowBefore = issues.Count;
            var values = new double[columns.Length];
            for (int j = 0; j < columns.Length; j++)
            {
                if (issues.Number(table, i, columns[j]) is not double v) continue;
                if (v <= 0) issues.Add(new CohortIssue(table.File, row, table.Header[columns[j]], $"{v} is not {(entry.Unit == ModalityUnit.Mm3 ? "a volume" : "an SUVR")}; values must be positive."));
                values[j] = v;
            }
            if (issues.Count == rowBefore) rows[s] = values;
        }
        if (!entry.AllowMissing)
        {
            foreach (var (subject, subjectRow) in subjects.Rows.Where(r => !seen.ContainsKey(r.Subject.Id)))
                issues.Add(new CohortIssue(table.File, null, idColumn, $"subject '{subject.Id}' (row {subjectRow} of the subjects table) has no row here; set allow_missing for modality '{entry.Name}' in the mapping if that is intended."));
        }
        return issues.Count > before ? null : new ModalityTable(entry, regions, rows);
    }

    private static void Throw(IssueSink issues)
    {
        if (issues.Count > 0) throw new CohortFormatException(issues.Items, issues.Count);
    }
}
