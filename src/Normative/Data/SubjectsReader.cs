namespace Normative.Data;

/// <summary>The subjects table as read: valid subjects plus where each id sits in the file.</summary>
internal sealed record SubjectsTable(IReadOnlyList<Subject> Subjects, IReadOnlyDictionary<string, int> SpreadsheetRowOf);

/// <summary>Parses and validates the subjects table (data-schemas/subjects.table-schema.json).</summary>
internal static class SubjectsReader
{
    /// <summary>Columns every subjects table has; <c>icv</c> is needed only when a modality divides by it (<see cref="CheckIcv"/>).</summary>
    private static readonly string[] Required = SubjectColumns.All.Where(c => c != SubjectColumns.Icv).ToArray();

    /// <summary>The subjects, or null when the header is unusable. Row problems are issued, and the
    /// subject's id is still remembered so modality files are not blamed for it.</summary>
    public static SubjectsTable? Read(CsvTable table, IssueSink issues)
    {
        int before = issues.Count;
        issues.CheckDuplicateColumns(table);
        foreach (var column in Required.Where(c => table.ColumnIndex(c) < 0))
            issues.Add(new CohortIssue(table.File, 1, column, "missing column."));
        foreach (var column in table.Header.Where(c => !SubjectColumns.All.Contains(c) && c != SubjectColumns.Site).Distinct())
            issues.Add(new CohortIssue(table.File, 1, column, $"unknown column; the subjects table has exactly: {string.Join(", ", SubjectColumns.All)} (icv optional), and optionally {SubjectColumns.Site}."));
        if (issues.Count > before) return null;

        var subjects = new List<Subject>();
        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < table.RowCount; i++)
        {
            var subject = ReadRow(table, i, issues, rowOf);
            if (subject is not null) subjects.Add(subject);
        }
        return new SubjectsTable(subjects, rowOf);
    }

    private static Subject? ReadRow(CsvTable table, int i, IssueSink issues, Dictionary<string, int> rowOf)
    {
        int row = CsvTable.SpreadsheetRow(i);
        int before = issues.Count;
        string Text(string column) => table.Cell(i, column).Trim();
        void Bad(string column, string problem) => issues.Add(new CohortIssue(table.File, row, column, problem));

        string id = Text(SubjectColumns.SubjectId);
        if (id.Length == 0) Bad(SubjectColumns.SubjectId, "empty value in a required field.");
        else if (rowOf.TryGetValue(id, out int first)) Bad(SubjectColumns.SubjectId, $"duplicate subject id '{id}' (first on row {first}).");
        else rowOf[id] = row;

        if (!SubjectColumns.TryParseSplit(Text(SubjectColumns.Split), out var split))
            Bad(SubjectColumns.Split, $"'{Text(SubjectColumns.Split)}' is not a split; expected train, holdout, calibration or test.");
        if (!SubjectColumns.TryParseGroup(Text(SubjectColumns.Group), out var group))
            Bad(SubjectColumns.Group, $"'{Text(SubjectColumns.Group)}' is not a group; expected control or patient.");
        double cdr = double.NaN;
        if (!SubjectColumns.TryParseFinite(Text(SubjectColumns.Cdr), out cdr) || !Subject.CdrValues.Contains(cdr))
            Bad(SubjectColumns.Cdr, $"'{Text(SubjectColumns.Cdr)}' is not a CDR global score; expected 0, 0.5, 1, 2 or 3.");
        if (!SubjectColumns.TryParseBoolean(Text(SubjectColumns.AmyloidPositive), out bool amyloid))
            Bad(SubjectColumns.AmyloidPositive, $"'{Text(SubjectColumns.AmyloidPositive)}' is not a boolean; expected true or false.");
        if (!SubjectColumns.TryParseSex(Text(SubjectColumns.Sex), out var sex))
            Bad(SubjectColumns.Sex, $"'{Text(SubjectColumns.Sex)}' is not a sex code; expected F or M.");

        int ageColumn = table.ColumnIndex(SubjectColumns.Age), icvColumn = table.ColumnIndex(SubjectColumns.Icv);
        double? age = issues.Number(table, i, ageColumn);
        if (age is <= 0 or >= 130) Bad(SubjectColumns.Age, $"age {age} years is outside (0, 130).");
        double? icv = null;
        if (icvColumn >= 0 && Text(SubjectColumns.Icv).Length > 0)
        {
            icv = issues.Number(table, i, icvColumn);
            if (icv is <= 0) Bad(SubjectColumns.Icv, $"intracranial volume {icv} mm3 must be positive.");
        }

        double? adas13 = null;
        string adasText = Text(SubjectColumns.Adas13);
        if (adasText.Length > 0)
        {
            adas13 = issues.Number(table, i, table.ColumnIndex(SubjectColumns.Adas13));
            if (adas13 is < 0 or > 85) Bad(SubjectColumns.Adas13, $"ADAS13 {adas13} is outside [0, 85].");
        }

        string? site = table.ColumnIndex(SubjectColumns.Site) >= 0 && Text(SubjectColumns.Site) is { Length: > 0 } siteText ? siteText : null;

        if (issues.Count > before) return null;
        if (group == SubjectGroup.Control && cdr != 0)
            Bad(SubjectColumns.Cdr, $"a control must have CDR 0, not {cdr}.");
        if (group == SubjectGroup.Control && amyloid)
            Bad(SubjectColumns.AmyloidPositive, "a control must be amyloid-negative.");
        if (group == SubjectGroup.Patient && split != Split.Test)
            Bad(SubjectColumns.Split, $"a patient must be in the test split, not {SubjectColumns.Format(split)} (train, holdout and calibration hold controls only).");
        return issues.Count > before ? null : new Subject(id, split, group, cdr, amyloid, age!.Value, sex, icv, adas13, site);
    }

    /// <summary>
    /// ICV is required exactly where it is used: for every subject when some modality divides by it
    /// (<see cref="ModalityEntry.DividesByIcv"/>); otherwise the column may be absent or empty.
    /// </summary>
    public static void CheckIcv(CsvTable table, SubjectsTable subjects, CohortManifest manifest, IssueSink issues)
    {
        var dividing = manifest.Modalities.Where(m => m.DividesByIcv).Select(m => m.Name).ToArray();
        if (dividing.Length == 0) return;
        string why = $"modality {string.Join(", ", dividing.Select(n => $"'{n}'"))} divides by ICV (set normalise_by_icv: false in the manifest if it should not)";
        if (table.ColumnIndex(SubjectColumns.Icv) < 0)
        {
            issues.Add(new CohortIssue(table.File, 1, SubjectColumns.Icv, $"missing column; {why}."));
            return;
        }
        foreach (var subject in subjects.Subjects.Where(s => s.IcvMm3 is null))
            issues.Add(new CohortIssue(table.File, subjects.SpreadsheetRowOf[subject.Id], SubjectColumns.Icv, $"empty value in a required field: {why}."));
    }
}
