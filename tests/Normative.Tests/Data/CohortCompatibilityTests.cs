using Normative.Cli;
using Normative.Data;
using Normative.Training;

namespace Normative.Tests.Data;

/// <summary>
/// Issue 18: scoring a cohort whose regions or covariates differ from the model's is refused with the first
/// mismatch named. The model is the committed format-3 fixture (mri + amyloid, region set mmsivae); the cohorts
/// are its fixture subjects, altered one way each.
/// </summary>
public sealed class CohortCompatibilityTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "normative-tests", "compatibility-" + Guid.NewGuid().ToString("N"));

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Checkpoints", name);

    private static readonly Cohort Subjects = CohortLoader.LoadForScoring(Fixture("subjects"));

    private static PreprocessingState ModelState()
    {
        using var loaded = ModelCheckpoint.Load(Fixture("format3"));
        return loaded.Preprocessing!;
    }

    private static string? Mismatch(Cohort cohort) => CohortCompatibility.FirstMismatch(ModelState(), ["mri", "amyloid"], cohort);

    /// <summary>The fixture subjects with modality <paramref name="name"/>'s regions replaced (values kept, columns renamed or reordered).</summary>
    private static Cohort WithRegions(string name, Func<IReadOnlyList<Region>, IReadOnlyList<Region>> change, Func<double[], double[]>? values = null)
    {
        var tables = Subjects.Modalities.Select(t => t.Name != name ? t
            : new ModalityTable(t.Entry, new RegionSet("edited", change(t.Regions.Regions)),
                Enumerable.Range(0, t.RowCount).Select(i => t.Row(i) is { } row ? (values ?? (v => v))(row) : null).ToArray())).ToArray();
        return new Cohort(Subjects.Manifest, Subjects.Subjects, tables);
    }

    [Fact]
    public void TheModelsOwnSubjectsMatch() => Assert.Null(Mismatch(Subjects));

    [Fact]
    public void AMissingModalityIsNamedWithWhatTheCohortHas()
    {
        var cohort = new Cohort(Subjects.Manifest with { Modalities = [Subjects.Manifest.Modalities[0]] }, Subjects.Subjects, [Subjects.Modality("mri")]);
        Assert.Equal("the model reads modality 'amyloid', which cohort 'checkpoint-fixture-subjects' lacks (it has 'mri')", Mismatch(cohort));
    }

    [Fact]
    public void TwoSwappedRegionsAreRefusedAtTheFirstOneNamingBothNames()
    {
        var mismatch = Mismatch(WithRegions("amyloid", regions => [regions[0], regions[2], regions[1], .. regions.Skip(3)]));
        Assert.Equal("modality 'amyloid': region 2 is 'lh_caudalmiddlefrontal' in the model but 'lh_cuneus' in cohort 'checkpoint-fixture-subjects' " +
            "(region set 'mmsivae' in the model, 'edited' in the cohort)", mismatch);
    }

    [Fact]
    public void AMissingLastRegionIsNamed()
    {
        var mismatch = Mismatch(WithRegions("mri", regions => regions.Take(89).ToArray(), row => row[..89]));
        Assert.NotNull(mismatch);
        Assert.StartsWith("modality 'mri': the model has 90 regions, cohort 'checkpoint-fixture-subjects' 89; the first it lacks is '", mismatch);
    }

    [Fact]
    public void AnotherIcvDivisionIsRefused()
    {
        var entry = Subjects.Manifest.Modalities[0] with { NormaliseByIcv = false };
        var cohort = new Cohort(Subjects.Manifest with { Modalities = [entry, Subjects.Manifest.Modalities[1]] }, Subjects.Subjects,
            [new ModalityTable(entry, Subjects.Modality("mri").Regions, Enumerable.Range(0, Subjects.Subjects.Count).Select(Subjects.Modality("mri").Row).ToArray()), Subjects.Modality("amyloid")]);
        Assert.Equal("modality 'mri': the model divides its values by ICV, cohort 'checkpoint-fixture-subjects' does not (manifest 'normalise_by_icv')", Mismatch(cohort));
    }

    [Fact]
    public void ASubjectWithoutTheIcvTheModelDividesByIsNamed()
    {
        var subjects = Subjects.Subjects.Select((s, i) => i == 3 ? s with { IcvMm3 = null } : s).ToArray();
        var cohort = new Cohort(Subjects.Manifest, subjects, Subjects.Modalities);
        Assert.Equal($"subject '{subjects[3].Id}' has no 'icv', which the model's ICV division needs", Mismatch(cohort));
    }

    [Fact]
    public void ScoreRefusesACohortWithOtherRegionsAndWritesNothing()
    {
        var cohort = WithRegions("mri", regions => [regions[1], regions[0], .. regions.Skip(2)]);
        var error = Assert.Throws<CohortMismatchException>(() => CohortCompatibility.Require(ModelState(), ["mri", "amyloid"], cohort, "format3"));
        Assert.Contains("does not match model format3: modality 'mri': region 1 is 'lh_caudalanteriorcingulate' in the model but 'lh_caudalmiddlefrontal'", error.Message);

        // Through the command line: a cohort without the amyloid table the model reads.
        var mriOnly = new Cohort(Subjects.Manifest with { Name = "mri-only", Modalities = [Subjects.Manifest.Modalities[0]] }, Subjects.Subjects, [Subjects.Modality("mri")]);
        CohortWriter.Write(mriOnly, Path.Combine(_folder, "mri-only"));
        string output = Path.Combine(_folder, "scores.csv");
        Assert.NotEqual(0, NormativeCommand.Build().Parse(["score", "--model", Fixture("format3"), "--cohort", Path.Combine(_folder, "mri-only"), "--out", output]).Invoke());
        Assert.False(File.Exists(output));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
