namespace Normative.Data;

/// <summary>
/// Writes a <see cref="Cohort"/> as manifest + CSVs in the layout <see cref="CohortLoader"/> reads. Numbers use
/// the round-trip format, so loading the files gives back exactly the same doubles, and the bytes depend
/// only on the cohort (LF line ends, invariant culture).
/// </summary>
public static class CohortWriter
{
    /// <summary>Schema reference written into every manifest.</summary>
    public const string ManifestSchema = "cohort-manifest.schema.json";

    /// <summary>Writes <paramref name="cohort"/> into <paramref name="folder"/> (created if needed); returns the manifest path.</summary>
    public static string Write(Cohort cohort, string folder)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Directory.CreateDirectory(folder);
        WriteSubjects(cohort.Subjects, Path.Combine(folder, cohort.Manifest.Subjects));
        foreach (var table in cohort.Modalities)
            WriteModality(cohort, table, Path.Combine(folder, table.Entry.File));
        string manifestPath = Path.Combine(folder, CohortManifest.DefaultFileName);
        File.WriteAllText(manifestPath, DataJson.Write(cohort.Manifest with { Schema = cohort.Manifest.Schema ?? ManifestSchema }));
        return manifestPath;
    }

    private static void WriteSubjects(IReadOnlyList<Subject> subjects, string path)
    {
        using var writer = NewWriter(path);
        bool sites = subjects.Any(s => s.Site is not null);
        CsvFormat.WriteRow(writer, sites ? [.. SubjectColumns.All, SubjectColumns.Site] : SubjectColumns.All);
        foreach (var s in subjects)
        {
            string[] cells =
            [
                s.Id, SubjectColumns.Format(s.Split), SubjectColumns.Format(s.Group), CsvFormat.Number(s.Cdr),
                CsvFormat.Boolean(s.AmyloidPositive), CsvFormat.Number(s.Age), SubjectColumns.Format(s.Sex),
                CsvFormat.Number(s.IcvMm3), CsvFormat.Number(s.Adas13),
            ];
            CsvFormat.WriteRow(writer, sites ? [.. cells, s.Site ?? ""] : cells);
        }
    }

    private static void WriteModality(Cohort cohort, ModalityTable table, string path)
    {
        using var writer = NewWriter(path);
        CsvFormat.WriteRow(writer, table.Regions.Ids.Prepend(SubjectColumns.SubjectId));
        for (int i = 0; i < table.RowCount; i++)
        {
            if (table.Row(i) is not { } values) continue;
            CsvFormat.WriteRow(writer, values.Select(CsvFormat.Number).Prepend(cohort.Subjects[i].Id));
        }
    }

    /// <summary>A UTF-8 (no BOM) writer with LF line ends.</summary>
    internal static StreamWriter NewWriter(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
    }
}
