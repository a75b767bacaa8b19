using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Normative.Cli;
using Normative.Data;
using Normative.Training;

namespace Normative.Tests.Training;

/// <summary>
/// Issue 18, self-describing checkpoints: a checkpoint written by <c>normative train</c> records the package version,
/// its format, the full configuration and its hash, the seed, the training cohort's content hash, the region sets,
/// the covariate encoding and the normalisation; checkpoints committed in earlier formats (TestData/Checkpoints)
/// still load and score exactly what they scored when they were written.
/// </summary>
public sealed class CheckpointFixtureTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "normative-tests", "checkpoint-fixture-" + Guid.NewGuid().ToString("N"));

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Checkpoints", name);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static int Run(params string[] args) => NormativeCommand.Build().Parse(args).Invoke();

    [Fact]
    public void ATrainedCheckpointRecordsVersionsConfigurationAndHashSeedCohortHashRegionsCovariatesAndNormalisation()
    {
        Assert.Equal(0, Run("cohort", "generate", "--out", PathOf("cohort"), "--seed", "5", "--sizes", "20,4,2,2,2", "--calibration-size", "0"));
        Assert.Equal(0, Run("train", "--cohort", PathOf("cohort"), "--model", "sivae", "--modalities", "mri", "--latent", "2",
            "--epochs", "1", "--seed", "7", "--out", PathOf("model")));
        var cohort = CohortLoader.Load(PathOf("cohort"));
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(PathOf("model"), ModelCheckpoint.ConfigFile)))!.AsObject();

        Assert.Equal("normative-model/3", json["format"]!.GetValue<string>());
        Assert.Equal(PackageInfo.Version, json["package_version"]!.GetValue<string>());
        Assert.Equal(PackageInfo.TorchSharpVersion, json["torchsharp_version"]!.GetValue<string>());
        var configuration = json["configuration"]!.AsObject();
        Assert.Equal("sivae", configuration["model"]!.GetValue<string>());
        Assert.Equal(2, configuration["latent_dim"]!.GetValue<int>());
        Assert.Equal(7, configuration["seed"]!.GetValue<int>());
        Assert.Equal(["mri"], configuration["modality_names"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.NotNull(configuration["options"]!["encoder_hidden"]);
        Assert.Equal(1, configuration["training"]!["epochs"]!.GetValue<int>());
        Assert.Equal(20, configuration["training"]!["training_subjects"]!.GetValue<int>());
        // The hash is SHA-256 of the configuration's compact JSON text, as written.
        string expectedHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(configuration.ToJsonString())));
        Assert.Equal(expectedHash, json["configuration_sha256"]!.GetValue<string>());

        Assert.Equal(cohort.Name, json["cohort"]!["name"]!.GetValue<string>());
        Assert.Equal(CohortContentHash.Of(cohort), json["cohort"]!["content_sha256"]!.GetValue<string>());

        // Only the modality the model reads: its region set, the region order, ICV division and the statistics.
        var preprocessing = json["preprocessing"]!.AsObject();
        var mri = Assert.Single(preprocessing["modalities"]!.AsArray())!.AsObject();
        Assert.Equal("mri", mri["name"]!.GetValue<string>());
        Assert.Equal(RegionSet.Mmsivae, mri["region_set"]!.GetValue<string>());
        Assert.Equal(cohort.Modality("mri").Regions.Ids, mri["regions"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(mri["divides_by_icv"]!.GetValue<bool>());
        Assert.Equal(90, mri["mean"]!.AsArray().Count);
        Assert.Equal(90, mri["sd"]!.AsArray().Count);
        var fitted = CohortPreprocessor.Fit(cohort);
        Assert.Equal(fitted.Modality("mri").Mean[0], mri["mean"]![0]!.GetValue<double>());
        Assert.Equal(fitted.Covariates.Names, json["covariates"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(fitted.Covariates.Width, configuration["covariate_count"]!.GetValue<int>());
        Assert.NotNull(preprocessing["covariates"]!["age_bins"]);

        using var loaded = ModelCheckpoint.Load(PathOf("model"));
        Assert.Equal(new TrainingCohort(cohort.Name, CohortContentHash.Of(cohort)), loaded.Cohort);
        Assert.Equal(expectedHash, loaded.ConfigurationSha256);
        Assert.Equal(PackageInfo.Version, loaded.PackageVersion);
    }

    [Fact]
    public void AFormat2CheckpointIsMigratedAndScoresWhatItScoredWhenItWasWritten()
    {
        using (var loaded = ModelCheckpoint.Load(Fixture("format2")))
        {
            Assert.Equal("normative-model/2", loaded.Format);
            Assert.Null(loaded.PackageVersion);
            Assert.Null(loaded.Cohort);
            Assert.Equal(new TrainingRecord("default", 2, 1e-4, 64, 4, 16), loaded.Training);
            Assert.Equal(["mri", "amyloid"], loaded.Model.Spec.ModalityNames);
            Assert.Equal(2, loaded.Model.LatentDim);
            Assert.Equal(["mri", "amyloid"], loaded.Preprocessing!.Modalities.Select(m => m.Name));
            // The migrated configuration gets a hash, the same on every load.
            Assert.Matches("^[0-9a-f]{64}$", loaded.ConfigurationSha256);
        }
        ScoresEqualTheCommittedOnes("format2");
    }

    [Fact]
    public void AFormat3CheckpointLoadsWithEverythingItRecordedAndScoresWhatItScoredWhenItWasWritten()
    {
        using (var loaded = ModelCheckpoint.Load(Fixture("format3")))
        {
            Assert.Equal(ModelCheckpoint.Format, loaded.Format);
            Assert.NotNull(loaded.PackageVersion);
            Assert.Equal("synthetic-adni", loaded.Cohort!.Name);
            Assert.Equal(new TrainingRecord("default", 2, 1e-4, 64, 4, 16), loaded.Training);
        }
        ScoresEqualTheCommittedOnes("format3");
    }

    /// <summary>Scores the fixture subjects with the fixture model and compares with its committed scores.csv:
    /// text cells equal, numbers equal to 1e-6 relative (another CPU may sum a float in another order).</summary>
    private void ScoresEqualTheCommittedOnes(string format)
    {
        Assert.Equal(0, Run("score", "--model", Fixture(format), "--cohort", Fixture("subjects"), "--out", PathOf("scores.csv")));
        var expected = CsvTable.Read(Path.Combine(Fixture(format), "scores.csv"));
        var actual = CsvTable.Read(PathOf("scores.csv"));
        Assert.Equal(expected.Header, actual.Header);
        Assert.Equal(expected.RowCount, actual.RowCount);
        for (int r = 0; r < expected.RowCount; r++)
            foreach (var column in expected.Header)
            {
                string want = expected.Cell(r, column), got = actual.Cell(r, column);
                if (double.TryParse(want, NumberStyles.Float, CultureInfo.InvariantCulture, out double w)
                    && double.TryParse(got, NumberStyles.Float, CultureInfo.InvariantCulture, out double g))
                    Assert.True(Math.Abs(w - g) <= 1e-6 * Math.Max(1, Math.Abs(w)), $"{format} row {r + 2} {column}: expected {want}, got {got}");
                else
                    Assert.True(want == got, $"{format} row {r + 2} {column}: expected '{want}', got '{got}'");
            }
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
