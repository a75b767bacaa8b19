using Normative.Cli;
using Normative.Training;

namespace Normative.Tests.Cli;

/// <summary><c>normative train</c> then <c>normative score</c> on a tiny generated cohort.</summary>
public sealed class TrainScoreCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "normative-tests", "train-" + Guid.NewGuid().ToString("N"));

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static int Run(params string[] args) => NormativeCommand.Build().Parse(args).Invoke();

    private void GenerateCohort() =>
        Assert.Equal(0, Run("cohort", "generate", "--out", PathOf("cohort"), "--seed", "5", "--sizes", "40,10,8,8,8", "--calibration-size", "0"));

    [Fact]
    public void TrainSavesACheckpointThatScoreTurnsIntoTheDesignedCsv()
    {
        GenerateCohort();
        Assert.Equal(0, Run("train", "--cohort", PathOf("cohort"), "--model", "mmvae", "--aggregator", "poe", "--latent", "3",
            "--epochs", "3", "--seed", "1", "--out", PathOf("model")));
        Assert.True(File.Exists(Path.Combine(PathOf("model"), ModelCheckpoint.ConfigFile)));

        Assert.Equal(0, Run("score", "--model", PathOf("model"), "--cohort", PathOf("cohort"), "--out", PathOf("scores.csv")));
        var lines = File.ReadAllLines(PathOf("scores.csv"));
        var header = lines[0].Split(',');
        // design §8: subject_id, split, group, cdr, z_1..z_d, d_ml, d_mf, outlier_ml, outlier_mf, then rec_* and zmf_* per region.
        Assert.Equal(["subject_id", "split", "group", "cdr", "z_1", "z_2", "z_3", "d_ml", "d_mf", "outlier_ml", "outlier_mf"], header.Take(11));
        Assert.Equal(180, header.Count(h => h.StartsWith("rec_", StringComparison.Ordinal)));
        Assert.Equal(180, header.Count(h => h.StartsWith("zmf_", StringComparison.Ordinal)));
        Assert.Equal(180, header.Count(h => h.StartsWith("res_", StringComparison.Ordinal)));
        Assert.Equal(1 + 74, lines.Length);
        Assert.All(lines.Skip(1), line => Assert.Equal(header.Length, line.Split(',').Length));

        // Scoring twice from the checkpoint gives the same file.
        Assert.Equal(0, Run("score", "--model", PathOf("model"), "--cohort", PathOf("cohort"), "--out", PathOf("again.csv")));
        Assert.Equal(File.ReadAllText(PathOf("scores.csv")), File.ReadAllText(PathOf("again.csv")));
    }

    [Fact]
    public void AUnimodalBaselineTrainsOnTheModalityItIsGiven()
    {
        GenerateCohort();
        Assert.Equal(0, Run("train", "--cohort", PathOf("cohort"), "--model", "sivae", "--modalities", "mri", "--latent", "2",
            "--epochs", "2", "--out", PathOf("mri-model")));
        using var loaded = ModelCheckpoint.Load(PathOf("mri-model"));
        Assert.Equal(["mri"], loaded.Model.Spec.ModalityNames);
        Assert.Equal([90], loaded.Model.Spec.FeatureCounts);
    }

    [Theory]
    [InlineData("mmjsd")]
    [InlineData("jmvae")]
    [InlineData("mvtcae")]
    [InlineData("mmvm")]
    [InlineData("jnf")]
    [InlineData("jnf-shared")]
    public void TheOtherMultimodalVaesTrainAndScoreThroughTheCommandLine(string model)
    {
        GenerateCohort();
        Assert.Equal(0, Run("train", "--cohort", PathOf("cohort"), "--model", model, "--latent", "3", "--epochs", "2", "--seed", "3", "--out", PathOf("model")));
        using (var loaded = ModelCheckpoint.Load(PathOf("model"))) Assert.Equal(model, loaded.Model.Spec.Name);

        Assert.Equal(0, Run("score", "--model", PathOf("model"), "--cohort", PathOf("cohort"), "--out", PathOf("scores.csv")));
        var lines = File.ReadAllLines(PathOf("scores.csv"));
        Assert.Equal(1 + 74, lines.Length);
        int dml = Array.IndexOf(lines[0].Split(','), "d_ml");
        Assert.All(lines.Skip(1), line => Assert.True(double.IsFinite(double.Parse(line.Split(',')[dml], System.Globalization.CultureInfo.InvariantCulture)), line));
    }

    [Fact]
    public void UnknownModelIsAnErrorExit()
    {
        GenerateCohort();
        Assert.NotEqual(0, Run("train", "--cohort", PathOf("cohort"), "--model", "nosuchvae", "--out", PathOf("m")));
        Assert.NotEqual(0, Run("train", "--cohort", PathOf("cohort"), "--aggregator", "sum", "--out", PathOf("m")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
