using System.Text.Json;
using Normative.Cli;
using Normative.Data;
using Normative.Experiments;
using Normative.Tests.TestData;

namespace Normative.Tests.Cli;

/// <summary>
/// <c>train --cross-fit K</c> stores the pooled out-of-sample distances with the checkpoint and scoring uses their quantiles
/// as thresholds (issue 15); <c>score</c> writes the calibration report of its out-of-sample controls, valid against
/// results.schema.json (issue 20).
/// </summary>
public sealed class CalibrationCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "normative-tests", "calibration-cli-" + Guid.NewGuid().ToString("N"));

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static int Run(params string[] args) => NormativeCommand.Build().Parse(args).Invoke();

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Train_cross_fit_sets_the_thresholds_and_score_writes_a_valid_calibration_report_of_its_out_of_sample_controls()
    {
        Assert.Equal(0, Run("cohort", "generate", "--out", PathOf("cohort"), "--seed", "8", "--sizes", "36,12,6,6,6", "--calibration-size", "0"));
        Assert.Equal(0, Run("train", "--cohort", PathOf("cohort"), "--model", "vae", "--latent", "3", "--epochs", "2", "--seed", "2",
            "--cross-fit", "3", "--out", PathOf("model")));

        var saved = SavedReferences.Load(PathOf("model"))!;
        var crossFit = Assert.IsType<SavedReferences.CrossFitSample>(saved.CrossFit);
        Assert.Equal(3, crossFit.Folds);
        var references = saved.Fit();
        string complete = references.CompletePattern.Key;
        Assert.Equal(36, crossFit.FeatureDistances[complete].Length);
        var threshold = references.For(references.CompletePattern).FeatureThreshold;
        Assert.Equal(Normative.Deviation.ThresholdKind.CrossFittedQuantile, threshold.Kind);
        Assert.Equal(MathNet.Numerics.Statistics.Statistics.QuantileCustom(crossFit.FeatureDistances[complete], 1 - saved.Conventions.Outliers.Alpha,
            MathNet.Numerics.Statistics.QuantileDefinition.R7), threshold.SquaredDistance, 10);

        Assert.Equal(0, Run("score", "--model", PathOf("model"), "--cohort", PathOf("cohort"), "--out", PathOf("scores.csv")));
        string report = PathOf("scores.calibration.json");
        Assert.True(File.Exists(report));
        Assert.True(File.Exists(PathOf("scores.calibration.md")));
        var errors = JsonSchemaValidator.Validate([new(report, Path.Combine(JsonSchemaValidator.SchemaFolder, "results.schema.json"), "calibration")]);
        Assert.True(errors[0].Length == 0, string.Join("\n", errors[0]));
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var entry = json.RootElement.GetProperty("entries")[0];
        // The 36 training controls are in-sample; the 12 held-out controls are the out-of-sample ones checked.
        Assert.Equal(12, entry.GetProperty("subjects").GetInt32());
        Assert.Equal("scored", entry.GetProperty("controls").GetString());
        // D_ml, D_mf, Z_ml, Z_mf; no signed residuals: a checkpoint's references carry no residual sd (SavedReferences).
        Assert.Equal(["latent_distance", "feature_distance", "latent_z", "regional_z"],
            entry.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("measure").GetString()!).ToArray());
    }
}
