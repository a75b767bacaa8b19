using System.Security.Cryptography;
using Normative.Data;
using Normative.Data.Synthetic;

namespace Normative.Tests.Data;

public sealed class CohortRoundTripTests
{
    [Fact]
    public void GenerateWriteLoadGivesIdenticalNumbers()
    {
        using var fixture = new CohortFixture(seed: 3);
        var written = fixture.Synthetic.Cohort;
        var loaded = CohortLoader.Load(fixture.Folder);

        Assert.Equal(written.Subjects, loaded.Subjects); // record equality: every field, exactly
        Assert.Equal(written.ModalityNames, loaded.ModalityNames);
        for (int m = 0; m < written.Modalities.Count; m++)
        {
            Assert.Equal(written.Modalities[m].Regions.Ids, loaded.Modalities[m].Regions.Ids);
            for (int i = 0; i < written.Subjects.Count; i++)
                Assert.Equal(written.Modalities[m].Row(i), loaded.Modalities[m].Row(i)); // bitwise double equality
        }
    }

    [Fact]
    public void GroundTruthRoundTrips()
    {
        using var fixture = new CohortFixture(seed: 4);
        var planted = fixture.Synthetic.GroundTruth;
        var loaded = SyntheticGroundTruth.Load(fixture.Folder);
        Assert.Equal(planted.Subjects.Count, loaded.Subjects.Count);
        for (int i = 0; i < planted.Subjects.Count; i++)
        {
            var (a, b) = (planted.Subjects[i], loaded.Subjects[i]);
            Assert.Equal((a.SubjectId, a.Stage, a.Subtype, a.Severity, a.AmyloidBurden, a.AmyloidExcess, a.SummarySuvr), (b.SubjectId, b.Stage, b.Subtype, b.Severity, b.AmyloidBurden, b.AmyloidExcess, b.SummarySuvr));
            Assert.Equal(a.SharedFactors, b.SharedFactors);
            Assert.Equal(a.Effects, b.Effects);
        }
    }

    [Fact]
    public void SameSeedWritesByteIdenticalFiles()
    {
        using var first = new CohortFixture(seed: 11);
        using var second = new CohortFixture(seed: 11);
        using var other = new CohortFixture(seed: 12);
        string[] files = ["cohort.json", "subjects.csv", "mri.csv", "amyloid.csv", "ground_truth.csv", "synthetic-cohort-parameters.json"];
        foreach (var file in files)
            Assert.Equal(Hash(first.PathOf(file)), Hash(second.PathOf(file)));
        Assert.NotEqual(Hash(first.PathOf("mri.csv")), Hash(other.PathOf("mri.csv")));
    }

    [Fact]
    public void WrittenParametersRegenerateTheSameCohort()
    {
        using var fixture = new CohortFixture(seed: 5);
        var reloaded = SyntheticCohortParameters.Load(fixture.PathOf(SyntheticCohort.ParametersFileName));
        var again = SyntheticCohortGenerator.Generate(fixture.Synthetic.Options with { Parameters = reloaded });
        for (int i = 0; i < again.Cohort.Subjects.Count; i++)
            Assert.Equal(fixture.Synthetic.Cohort.Modality("amyloid").Row(i), again.Cohort.Modality("amyloid").Row(i));
    }

    [Fact]
    public void DataFrameHasSubjectColumnsThenOneColumnPerModalityRegion()
    {
        using var fixture = new CohortFixture();
        var cohort = fixture.Synthetic.Cohort;
        var frame = cohort.ToDataFrame();
        Assert.Equal(cohort.Subjects.Count, frame.Rows.Count);
        Assert.Equal(9 + 2 * 90, frame.Columns.Count);
        Assert.Equal(cohort.Subjects[2].Id, frame.Columns["subject_id"][2]);
        int j = cohort.Modality("mri").Regions.IndexOf("Left-Hippocampus");
        Assert.Equal(cohort.Modality("mri").Row(2)![j], frame.Columns["mri__Left-Hippocampus"][2]);
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
