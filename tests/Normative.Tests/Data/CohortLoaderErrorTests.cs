using Normative.Data;

namespace Normative.Tests.Data;

/// <summary>Every bad input gets its own error naming file, spreadsheet row (header = 1) and column.</summary>
public sealed class CohortLoaderErrorTests
{
    private static CohortIssue LoadFails(CohortFixture fixture, string file, int? row, string? column, string problemFragment)
    {
        var error = Assert.Throws<CohortFormatException>(() => CohortLoader.Load(fixture.Folder));
        var issue = error.First;
        Assert.EndsWith(file, issue.File);
        Assert.Equal(row, issue.Row);
        Assert.Equal(column, issue.Column);
        Assert.Contains(problemFragment, issue.Problem);
        // The message a user sees carries the same three coordinates.
        Assert.Contains(file, error.Message);
        if (row is int r) Assert.Contains($"row {r}", error.Message);
        if (column is not null) Assert.Contains($"column '{column}'", error.Message);
        return issue;
    }

    [Fact]
    public void MissingModalityFileIsNamed()
    {
        using var fixture = new CohortFixture();
        File.Delete(fixture.PathOf("amyloid.csv"));
        LoadFails(fixture, "amyloid.csv", null, null, "file not found");
    }

    [Fact]
    public void MissingManifestIsNamed()
    {
        using var fixture = new CohortFixture();
        File.Delete(fixture.PathOf("cohort.json"));
        LoadFails(fixture, "cohort.json", null, null, "file not found");
    }

    [Fact]
    public void MissingSubjectsColumnIsNamed()
    {
        using var fixture = new CohortFixture();
        fixture.EditCsv("subjects.csv", rows =>
        {
            int c = rows[0].IndexOf("age");
            foreach (var row in rows) row.RemoveAt(c);
        });
        LoadFails(fixture, "subjects.csv", 1, "age", "missing column");
    }

    [Fact]
    public void MissingRegionColumnIsNamed()
    {
        using var fixture = new CohortFixture();
        fixture.EditCsv("mri.csv", rows =>
        {
            int c = rows[0].IndexOf("Right-Hippocampus");
            foreach (var row in rows) row.RemoveAt(c);
        });
        LoadFails(fixture, "mri.csv", 1, "Right-Hippocampus", "missing column");
    }

    [Fact]
    public void DuplicateColumnIsNamed()
    {
        using var fixture = new CohortFixture();
        fixture.EditCsv("mri.csv", rows => rows[0][rows[0].IndexOf("lh_cuneus")] = "lh_precuneus");
        LoadFails(fixture, "mri.csv", 1, "lh_precuneus", "more than once");
    }

    [Fact]
    public void UnknownRegionNameIsNamed()
    {
        using var fixture = new CohortFixture();
        fixture.EditCsv("amyloid.csv", rows => rows[0][rows[0].IndexOf("lh_cuneus")] = "lh_kuneus");
        LoadFails(fixture, "amyloid.csv", 1, "lh_kuneus", "unknown region name");
    }

    [Fact]
    public void RegionOfAnotherSetIsNamed()
    {
        using var fixture = new CohortFixture();
        fixture.EditCsv("mri.csv", rows => rows[0][rows[0].IndexOf("Brain-Stem")] = "Left-Lateral-Ventricle");
        LoadFails(fixture, "mri.csv", 1, "Left-Lateral-Ventricle", "not part of region set 'mmsivae'");
    }

    [Fact]
    public void NonNumericValueIsNamed()
    {
        using var fixture = new CohortFixture();
        fixture.SetCell("mri.csv", 4, "lh_precuneus", "8700mm3");
        LoadFails(fixture, "mri.csv", 4, "lh_precuneus", "is not a number");
    }

    [Fact]
    public void EmptyRequiredValueIsNamed()
    {
        using var fixture = new CohortFixture();
        fixture.SetCell("subjects.csv", 5, "icv", "");
        LoadFails(fixture, "subjects.csv", 5, "icv", "empty value in a required field");
    }

    [Fact]
    public void NaNIsNamed()
    {
        using var fixture = new CohortFixture();
        fixture.SetCell("amyloid.csv", 3, "lh_precuneus", "NaN");
        LoadFails(fixture, "amyloid.csv", 3, "lh_precuneus", "NaN");
    }

    [Theory]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e999")]
    public void InfinityIsNamed(string text)
    {
        using var fixture = new CohortFixture();
        fixture.SetCell("amyloid.csv", 6, "Left-Amygdala", text);
        LoadFails(fixture, "amyloid.csv", 6, "Left-Amygdala", "infinite");
    }

    [Fact]
    public void NonPositiveVolumeIsNamed()
    {
        using var fixture = new CohortFixture();
        fixture.SetCell("mri.csv", 7, "lh_insula", "-1");
        LoadFails(fixture, "mri.csv", 7, "lh_insula", "values must be positive");
    }

    [Fact]
    public void DuplicateSubjectIdIsNamed()
    {
        using var fixture = new CohortFixture();
        string first = File.ReadAllLines(fixture.PathOf("subjects.csv"))[1].Split(',')[0];
        fixture.SetCell("subjects.csv", 9, "subject_id", first);
        LoadFails(fixture, "subjects.csv", 9, "subject_id", "duplicate subject id");
    }

    [Fact]
    public void ModalityRowNotInSubjectsIsNamed()
    {
        using var fixture = new CohortFixture();
        fixture.SetCell("amyloid.csv", 8, "subject_id", "GHOST01");
        // The stranger's row is reported first; the subject it replaced is then missing from the file.
        LoadFails(fixture, "amyloid.csv", 8, "subject_id", "'GHOST01' is not in the subjects table");
    }

    [Fact]
    public void SubjectMissingFromModalityIsNamedWithItsSubjectsRow()
    {
        using var fixture = new CohortFixture();
        string id = File.ReadAllLines(fixture.PathOf("subjects.csv"))[10].Split(',')[0];
        fixture.EditCsv("mri.csv", rows => rows.RemoveAll(r => r[0] == id));
        var issue = LoadFails(fixture, "mri.csv", null, "subject_id", $"subject '{id}' (row 11 of ");
        Assert.Contains("allow_missing", issue.Problem);
    }

    [Fact]
    public void SubjectMissingFromModalityLoadsWhenTheManifestAllowsIt()
    {
        using var fixture = new CohortFixture();
        string id = File.ReadAllLines(fixture.PathOf("subjects.csv"))[20].Split(',')[0];
        fixture.EditCsv("amyloid.csv", rows => rows.RemoveAll(r => r[0] == id));
        string manifest = fixture.PathOf("cohort.json");
        var parsed = DataJson.Read<CohortManifest>(manifest);
        File.WriteAllText(manifest, DataJson.Write(parsed with { Modalities = [parsed.Modalities[0], parsed.Modalities[1] with { AllowMissing = true }] }));
        var cohort = CohortLoader.Load(fixture.Folder);
        Assert.False(cohort.Modality("amyloid").IsObserved(cohort.IndexOf(id)));
        Assert.Equal(cohort.Subjects.Count - 1, cohort.Modality("amyloid").ObservedCount);
    }

    [Theory]
    [InlineData("split", "training", "not a split")]
    [InlineData("group", "CN", "not a group")]
    [InlineData("cdr", "0.75", "not a CDR global score")]
    [InlineData("sex", "Female", "not a sex code")]
    [InlineData("amyloid_positive", "yes", "not a boolean")]
    public void BadEnumValueIsNamed(string column, string value, string problem)
    {
        using var fixture = new CohortFixture();
        fixture.SetCell("subjects.csv", 12, column, value);
        LoadFails(fixture, "subjects.csv", 12, column, problem);
    }

    [Fact]
    public void PatientInTrainingSplitIsNamed()
    {
        using var fixture = new CohortFixture();
        int last = File.ReadAllLines(fixture.PathOf("subjects.csv")).Length; // a CDR >= 1 patient
        fixture.SetCell("subjects.csv", last, "split", "train");
        LoadFails(fixture, "subjects.csv", last, "split", "a patient must be in the test split");
    }

    [Fact]
    public void NoTrainingControlsIsNamed()
    {
        using var fixture = new CohortFixture();
        fixture.EditCsv("subjects.csv", rows =>
        {
            int c = rows[0].IndexOf("split");
            foreach (var row in rows.Skip(1).Where(r => r[c] == "train")) row[c] = "holdout";
        });
        LoadFails(fixture, "subjects.csv", null, "split", "no training controls");
    }

    [Fact]
    public void ZeroVarianceRegionIsNamed()
    {
        using var fixture = new CohortFixture();
        fixture.EditCsv("amyloid.csv", rows =>
        {
            int c = rows[0].IndexOf("rh_lingual");
            foreach (var row in rows.Skip(1)) row[c] = "1.01";
        });
        LoadFails(fixture, "amyloid.csv", null, "rh_lingual", "zero variance across the 12 training controls");
    }

    [Fact]
    public void RaggedRowIsNamed()
    {
        using var fixture = new CohortFixture();
        fixture.EditCsv("subjects.csv", rows => rows[6].RemoveRange(7, 2));
        LoadFails(fixture, "subjects.csv", 7, "icv", "the row has 7 values but the header has 9 columns");
    }

    [Fact]
    public void MalformedManifestNamesTheLine()
    {
        using var fixture = new CohortFixture();
        string manifest = fixture.PathOf("cohort.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"unit\": \"suvr\"", "\"unit\": \"kBq\""));
        var error = Assert.Throws<CohortFormatException>(() => CohortLoader.Load(fixture.Folder));
        Assert.EndsWith("cohort.json", error.First.File);
        Assert.NotNull(error.First.Row);
        Assert.Equal("$.modalities[1].unit", error.First.Column);
    }

    [Fact]
    public void ValidateListsEveryProblem()
    {
        using var fixture = new CohortFixture();
        fixture.SetCell("mri.csv", 3, "lh_precuneus", "x");
        fixture.SetCell("mri.csv", 5, "lh_cuneus", "");
        var issues = CohortLoader.Validate(fixture.Folder);
        Assert.Equal(2, issues.Count);
        Assert.Equal((3, "lh_precuneus"), (issues[0].Row!.Value, issues[0].Column!));
        Assert.Equal((5, "lh_cuneus"), (issues[1].Row!.Value, issues[1].Column!));
    }
}
