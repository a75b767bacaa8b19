namespace Normative.Data;

/// <summary>Parses and validates one modality table (data-schemas/modality.table-schema.json) against the subjects.</summary>
internal static class ModalityReader
{
    public static ModalityTable? Read(CsvTable table, ModalityEntry entry, RegionSet regions, SubjectsTable subjects,
        string subjectsFile, IssueSink issues)
    {
        int before = issues.Count;
        issues.CheckDuplicateColumns(table);
        int idColumn = table.ColumnIndex(SubjectColumns.SubjectId);
        if (idColumn < 0) issues.Add(new CohortIssue(table.File, 1, SubjectColumns.SubjectId, "missing column."));
        foreach (var column in table.Header.Where(c => c != SubjectColumns.SubjectId && !regions.Contains(c)).Distinct())
        {
            string problem = RegionCatalogue.Default.TryGet(column, out _)
                ? $"region '{column}' is not part of region set '{regions.Name}'."
                : $"unknown region name '{column}'; columns must be canonical region ids of region set '{regions.Name}' (see region-catalogue.csv).";
            issues.Add(new CohortIssue(table.File, 1, column, problem));
        }
        foreach (var region in regions.Ids.Where(r => table.ColumnIndex(r) < 0))
            issues.Add(new CohortIssue(table.File, 1, region, $"missing column (region set '{regions.Name}' needs every one of its {regions.Count} regions)."));
        if (issues.Count > before) return null;

        var columns = regions.Ids.Select(table.ColumnIndex).ToArray();
        var subjectIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int s = 0; s < subjects.Subjects.Count; s++) subjectIndex[subjects.Subjects[s].Id] = s;
        var rows = new double[]?[subjects.Subjects.Count];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < table.RowCount; i++)
        {
            int row = CsvTable.SpreadsheetRow(i);
            string id = table.Row(i)[idColumn].Trim();
            if (id.Length == 0)
            {
                issues.Add(new CohortIssue(table.File, row, SubjectColumns.SubjectId, "empty value in a required field."));
                continue;
            }
            if (!seen.TryAdd(id, row))
            {
                issues.Add(new CohortIssue(table.File, row, SubjectColumns.SubjectId, $"duplicate subject id '{id}' (first on row {seen[id]})."));
                continue;
            }
            if (!subjects.SpreadsheetRowOf.ContainsKey(id))
            {
                issues.Add(new CohortIssue(table.File, row, SubjectColumns.SubjectId, $"subject '{id}' is not in the subjects table {subjectsFile}."));
                continue;
            }
            var values = ReadValues(table, i, columns, entry.Unit, issues);
            if (values is not null && subjectIndex.TryGetValue(id, out int s)) rows[s] = values;
        }
        if (!entry.AllowMissing)
        {
            foreach (var (id, subjectRow) in subjects.SpreadsheetRowOf.Where(p => !seen.ContainsKey(p.Key)))
            {
                issues.Add(new CohortIssue(table.File, null, SubjectColumns.SubjectId,
                    $"subject '{id}' (row {subjectRow} of {subjectsFile}) has no row here; set allow_missing for modality '{entry.Name}' in the manifest if that is intended."));
            }
        }
        return issues.Count > before ? null : new ModalityTable(entry, regions, rows);
    }

    private static double[]? ReadValues(CsvTable table, int i, int[] columns, ModalityUnit unit, IssueSink issues)
    {
        int before = issues.Count;
        var values = new double[columns.Length];
        for (int j = 0; j < columns.Length; j++)
        {
            double? value = issues.Number(table, i, columns[j]);
            if (value is null) continue;
            if (value <= 0)
            {
                string what = unit == ModalityUnit.Mm3 ? "a volume" : "an SUVR";
                issues.Add(new CohortIssue(table.File, CsvTable.SpreadsheetRow(i), table.Header[columns[j]], $"{value} is not {what}; values must be positive."));
            }
            values[j] = value.Value;
        }
        return issues.Count > before ? null : values;
    }
}
