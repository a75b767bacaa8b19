using Normative.Cli;
using Normative.Data;
using Normative.Data.Harmonisation;
using Normative.Training;

namespace Normative.Tests.Cli;

/// <summary>
/// <c>train --harmonise combat</c> fits ComBat on the training controls and stores it in the model;
/// <c>score</c> refuses a site the model never saw unless <c>--adapt-site</c> estimates it from that site's controls.
/// </summary>
public sealed class SiteHarmonisationCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "normative-tests", "sites-" + Guid.NewGuid().ToString("N"));

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static int Run(params string[] args) => NormativeCommand.Build().Parse(args).Invoke();

    /// <summary>Writes <paramref name="cohort"/> with sites assigned by <paramref name="site"/> and site B's volumes scaled by 1.08 (a scanner effect).</summary>
    private static void WriteWithSites(Cohort cohort, Func<int, string> site, string folder)
    {
        var subjects = cohort.Subjects.Select((s, i) => s with { Site = site(i) }).ToArray();
        var mri = cohort.Modality("mri");
        var rows = Enumerable.Range(0, cohort.Subjects.Count).Select(i => subjects[i].Site == "B" ? mri.Row(i)!.Select(v => v * 1.08).ToArray() : mri.Row(i)).ToArray();
        var tables = cohort.Modalities.Select(t => t.Name == "mri" ? new ModalityTable(t.Entry, t.Regions, rows) : t).ToArray();
        CohortWriter.Write(new Cohort(cohort.Manifest, subjects, tables), folder);
    }

    [Fact]
    public void AnUnseenSiteIsRefusedUnlessAdaptedFromItsOwnControls()
    {
        Assert.Equal(0, Run("cohort", "generate", "--out", PathOf("raw"), "--seed", "8", "--sizes", "40,10,8,8,8", "--calibration-size", "0"));
        var cohort = CohortLoader.Load(PathOf("raw"));
        WriteWithSites(cohort, i => i % 2 == 0 ? "A" : "B", PathOf("cohort"));
        Assert.Equal(0, Run("train", "--cohort", PathOf("cohort"), "--model", "mmvae", "--latent", "2", "--epochs", "2", "--harmonise", "combat", "--out", PathOf("model")));
        using (var loaded = ModelCheckpoint.Load(PathOf("model")))
        {
            var state = loaded.Preprocessing!;
            Assert.Equal(["A", "B"], state.Harmonisation!["mri"].Sites);
            Assert.Equal(["A", "B"], state.Harmonisation["amyloid"].Sites);
        }
        // Subjects of the training sites score without further ado.
        Assert.Equal(0, Run("score", "--model", PathOf("model"), "--cohort", PathOf("cohort"), "--out", PathOf("ab.csv")));

        // A new cohort from site C: its 10 held-out controls and 24 patients.
        var keep = Enumerable.Range(0, cohort.Subjects.Count).Where(i => cohort.Subjects[i].Split != Split.Train).ToArray();
        var fresh = new Cohort(cohort.Manifest with { Name = "site-c" }, keep.Select(i => cohort.Subjects[i] with { Site = "C" }).ToArray(),
            cohort.Modalities.Select(t => new ModalityTable(t.Entry, t.Regions, keep.Select(t.Row).ToArray())).ToArray());
        CohortWriter.Write(fresh, PathOf("site-c"));
        Assert.NotEqual(0, Run("score", "--model", PathOf("model"), "--cohort", PathOf("site-c"), "--out", PathOf("c.csv")));
        Assert.False(File.Exists(PathOf("c.csv")));
        using (var loaded = ModelCheckpoint.Load(PathOf("model")))
        {
            var state = loaded.Preprocessing!;
            var error = Assert.Throws<UnseenSiteException>(() => state.Transform(CohortLoader.LoadForScoring(PathOf("site-c")), Split.Test));
            Assert.Equal("C", error.Site);
        }

        Assert.Equal(0, Run("score", "--model", PathOf("model"), "--cohort", PathOf("site-c"), "--adapt-site", "C", "--out", PathOf("c.csv")));
        var table = CsvTable.Read(PathOf("c.csv"));
        Assert.Equal(keep.Length, table.RowCount);
        for (int r = 0; r < table.RowCount; r++)
            Assert.Equal(table.Cell(r, "group") == "control" ? "true" : "false", table.Cell(r, "in_training"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
