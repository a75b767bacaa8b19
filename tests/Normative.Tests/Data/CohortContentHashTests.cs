using Normative.Data;

namespace Normative.Tests.Data;

/// <summary>The cohort content hash a checkpoint records: equal for equal content, whatever the file formatting; different for any changed value.</summary>
public sealed class CohortContentHashTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "normative-tests", "content-hash-" + Guid.NewGuid().ToString("N"));

    private static string Subjects => Path.Combine(AppContext.BaseDirectory, "TestData", "Checkpoints", "subjects");

    [Fact]
    public void TheHashIgnoresFormattingButNotContent()
    {
        var cohort = CohortLoader.LoadForScoring(Subjects);
        string hash = CohortContentHash.Of(cohort);
        Assert.Matches("^[0-9a-f]{64}$", hash);

        // Same values, other spelling: a trailing zero on every number of the MRI table, CRLF line ends, another name.
        Directory.CreateDirectory(_folder);
        foreach (var file in Directory.GetFiles(Subjects)) File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        var lines = File.ReadAllLines(Path.Combine(_folder, "mri.csv"));
        File.WriteAllText(Path.Combine(_folder, "mri.csv"), string.Join("\r\n", lines.Select((l, i) => i == 0 ? l
            : string.Join(',', l.Split(',').Select((cell, c) => c == 0 || !cell.Contains('.') ? cell : cell + "0")))) + "\r\n");
        File.WriteAllText(Path.Combine(_folder, "cohort.json"), File.ReadAllText(Path.Combine(_folder, "cohort.json")).Replace("checkpoint-fixture-subjects", "renamed"));
        Assert.Equal(hash, CohortContentHash.Of(CohortLoader.LoadForScoring(_folder)));

        // One value changed, one subject's sex, or one subject's split: another hash each.
        var mri = cohort.Modality("mri");
        var rows = Enumerable.Range(0, mri.RowCount).Select(i => i == 5 ? mri.Row(i)!.Select((v, j) => j == 40 ? v + 1e-9 : v).ToArray() : mri.Row(i)).ToArray();
        var changedValue = new Cohort(cohort.Manifest, cohort.Subjects, [new ModalityTable(mri.Entry, mri.Regions, rows), cohort.Modality("amyloid")]);
        var changedSex = new Cohort(cohort.Manifest, cohort.Subjects.Select((s, i) => i == 0 ? s with { Sex = s.Sex == Sex.Female ? Sex.Male : Sex.Female } : s).ToArray(), cohort.Modalities);
        var changedSplit = new Cohort(cohort.Manifest, cohort.Subjects.Select((s, i) => i == 0 ? s with { Split = Split.Calibration } : s).ToArray(), cohort.Modalities);
        string[] hashes = [hash, CohortContentHash.Of(changedValue), CohortContentHash.Of(changedSex), CohortContentHash.Of(changedSplit)];
        Assert.Equal(4, hashes.Distinct().Count());
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
