using System.Text.Json.Nodes;
using Normative.Aggregation;
using Normative.Models;
using Normative.Tests.Models;
using Normative.Tests.TestData;
using Normative.Training;

namespace Normative.Tests.Training;

public sealed class ModelCheckpointTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "normative-checkpoint-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("mmsivae", AggregatorKind.MoPoE)]
    [InlineData("mmvae", AggregatorKind.Avg)]
    [InlineData("sivae", null)]
    [InlineData("vae", null)]
    public void ARoundTripGivesIdenticalScores(string name, AggregatorKind? aggregator)
    {
        using var data = ToyCohort.Create(40, seed: 21);
        var options = name.Contains("sivae") ? new MmSivaeOptions { BetaNeg = 5, Scale = 0.01, EncoderHidden = [16, 8] } : null;
        using var model = ModelTraining.Create(name, data, aggregator, latent: 3, options: options);
        Trainer.Fit(model, data, ModelTraining.Quick(2));
        ModelCheckpoint.Save(model, directory);

        using var loaded = ModelCheckpoint.Load(directory);
        Assert.Equal(model.Spec with { Options = loaded.Model.Spec.Options, FeatureCounts = loaded.Model.Spec.FeatureCounts, ModalityNames = loaded.Model.Spec.ModalityNames }, loaded.Model.Spec);
        Assert.Equal(model.Spec.Options.GetType(), loaded.Model.Spec.Options.GetType());
        Assert.Equal(model.Spec.FeatureCounts, loaded.Model.Spec.FeatureCounts);
        Assert.Equal(model.Spec.Options.EncoderHidden, loaded.Model.Spec.Options.EncoderHidden);
        if (options is not null) Assert.Equal(5, ((MmSivaeOptions)loaded.Model.Spec.Options).BetaNeg);
        // Saved without provenance: the versions and the configuration hash are there, no data contract.
        Assert.Equal(ModelCheckpoint.Format, loaded.Format);
        Assert.Equal(PackageInfo.Version, loaded.PackageVersion);
        Assert.Matches("^[0-9a-f]{64}$", loaded.ConfigurationSha256);
        Assert.Null(loaded.Preprocessing);
        Assert.Null(loaded.Cohort);

        var before = Scorer.Score(model, data);
        var after = Scorer.Score(loaded.Model, data);
        Assert.Equal(before.Latent, after.Latent);
        for (int m = 0; m < data.ModalityCount; m++) Assert.Equal(before.Errors[m], after.Errors[m]);
    }

    [Fact]
    public void LoadingAMissingOrBrokenCheckpointNamesTheFile()
    {
        Assert.Throws<DirectoryNotFoundException>(() => ModelCheckpoint.Load(directory));
        Directory.CreateDirectory(directory);
        var missing = Assert.Throws<FileNotFoundException>(() => ModelCheckpoint.Load(directory));
        Assert.Contains(ModelCheckpoint.ConfigFile, missing.Message);

        File.WriteAllText(Path.Combine(directory, ModelCheckpoint.ConfigFile), "{ \"format\": ");
        File.WriteAllText(Path.Combine(directory, ModelCheckpoint.WeightsFile), "");
        var broken = Assert.Throws<InvalidDataException>(() => ModelCheckpoint.Load(directory));
        Assert.Contains("model.json", broken.Message);
    }

    [Fact]
    public void AnEditedConfigurationIsRefusedBecauseItNoLongerMatchesItsHash()
    {
        SaveSmallModel();
        string config = Path.Combine(directory, ModelCheckpoint.ConfigFile);
        var json = JsonNode.Parse(File.ReadAllText(config))!.AsObject();
        json["configuration"]!["seed"] = 99;
        File.WriteAllText(config, json.ToJsonString());

        var error = Assert.Throws<InvalidDataException>(() => ModelCheckpoint.Load(directory));
        Assert.Contains("does not match its recorded hash", error.Message);
        Assert.Contains(json["configuration_sha256"]!.GetValue<string>(), error.Message);
    }

    [Theory]
    [InlineData("normative-model/9", "newer version")]
    [InlineData("normative-model/0", "not a format of this package")]
    [InlineData("pcntoolkit-model/1", "not a format of this package")]
    public void AnUnknownFormatIsRefusedNamingBothVersionsAndWhatToDo(string format, string kind)
    {
        SaveSmallModel();
        string config = Path.Combine(directory, ModelCheckpoint.ConfigFile);
        var json = JsonNode.Parse(File.ReadAllText(config))!.AsObject();
        json["format"] = format;
        File.WriteAllText(config, json.ToJsonString());

        var error = Assert.Throws<InvalidDataException>(() => ModelCheckpoint.Load(directory));
        Assert.Contains($"'{format}'", error.Message);
        Assert.Contains($"writes '{ModelCheckpoint.Format}'", error.Message);
        Assert.Contains(kind, error.Message);
        Assert.Contains("retrain", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    private void SaveSmallModel()
    {
        using var data = ToyCohort.Create(20, seed: 3);
        using var model = ModelTraining.Create("vae", data, null, latent: 2);
        ModelCheckpoint.Save(model, directory);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }
}
