namespace Normative.Data.Adni;

/// <summary>A subject of the source tables that is not in the imported cohort, and why.</summary>
public sealed record ExcludedSubject(string SubjectId, string Reason);

/// <summary>The imported cohort and every subject left out (nothing is dropped without a record).</summary>
public sealed class AdniImportResult(Cohort cohort, IReadOnlyList<ExcludedSubject> excluded, IReadOnlyList<string> notes)
{
    /// <summary>File listing the excluded subjects, written beside the cohort.</summary>
    public const string ExcludedFileName = "excluded_subjects.csv";

    public Cohort Cohort { get; } = cohort;

    public IReadOnlyList<ExcludedSubject> Excluded { get; } = excluded;

    /// <summary>Decisions taken on the data (e.g. the amyloid reference normalisation) for the user to check.</summary>
    public IReadOnlyList<string> Notes { get; } = notes;

    /// <summary>Writes the cohort and <c>excluded_subjects.csv</c>; returns the manifest path.</summary>
    public string Write(string folder)
    {
        string manifest = CohortWriter.Write(Cohort, folder);
        using var writer = CohortWriter.NewWriter(Path.Combine(folder, ExcludedFileName));
        CsvFormat.WriteRow(writer, ["subject_id", "reason"]);
        foreach (var e in Excluded) CsvFormat.WriteRow(writer, [e.SubjectId, e.Reason]);
        return manifest;
    }
}
