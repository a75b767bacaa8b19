using Normative.Models;
using Normative.Tests.TestData;
using Normative.Training;
using static TorchSharp.torch;

namespace Normative.Tests.Models;

/// <summary>The Table 1 baselines and the flow models (issue 5) through the shared scorer and checkpoints (training and
/// determinism: the shared theories in <see cref="ModelTrainingTests"/>).</summary>
public sealed class OtherModelsTrainingTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "normative-other-models-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string> NewModels => new() { "mmjsd", "jmvae", "mvtcae", "mmvm", "jnf", "jnf-shared" };

    [Theory]
    [MemberData(nameof(NewModels))]
    public void ACheckpointRoundTripGivesIdenticalScoresWithAndWithoutMissingModalities(string name)
    {
        using var complete = ToyCohort.Create(40, seed: 21);
        using var data = ToyCohort.WithMissing(complete, 1, [2, 9], 0f);
        using var model = ModelTraining.Create(name, complete, aggregator: null, latent: 3);
        Trainer.Fit(model, complete, ModelTraining.Quick(4));
        ModelCheckpoint.Save(model, directory);

        using var loaded = ModelCheckpoint.Load(directory);
        Assert.Equal(model.Spec.Options.GetType(), loaded.Model.Spec.Options.GetType());
        Assert.Equal(model.Spec.Aggregator, loaded.Model.Spec.Aggregator);
        var before = Scorer.Score(model, data);
        var after = Scorer.Score(loaded.Model, data);
        Assert.Equal(before.Latent, after.Latent);
        for (int m = 0; m < data.ModalityCount; m++) Assert.Equal(before.Errors[m], after.Errors[m]);
        Assert.All(Enumerable.Range(0, data.Count), i => Assert.True(double.IsFinite(after.Latent[i, 0])));
    }

    [Theory]
    [MemberData(nameof(NewModels))]
    public void ASubjectWithOnlyMriIsScoredFromMriAlone(string name)
    {
        using var complete = ToyCohort.Create(48, seed: 11);
        using var model = ModelTraining.Create(name, complete, aggregator: null);
        Trainer.Fit(model, complete, ModelTraining.Quick(4));
        using var zeros = ModelTraining.AssertMissingPetIsIgnored(model, complete, [3, 17]);
    }

    [Theory]
    [InlineData("jmvae")]
    [InlineData("jnf")]
    public void JointEncoderModelsRejectIncompleteTrainingSubjectsWithAClearError(string name)
    {
        using var complete = ToyCohort.Create(20, seed: 4);
        using var data = ToyCohort.WithMissing(complete, 1, [6], 0f);
        using var model = ModelTraining.Create(name, data, aggregator: null);
        var error = Assert.Throws<ArgumentException>(() => Trainer.Fit(model, data, ModelTraining.Quick(1) with { BatchSize = 64 }));
        // The batch is shuffled, so the message names the batch row; it says what is missing and what to do.
        Assert.Contains("needs every modality for every training subject", error.Message);
        Assert.Contains("(1 rows in all)", error.Message);
    }

    [Theory]
    [InlineData("mmjsd", Normative.Aggregation.AggregatorKind.MoE)]
    [InlineData("mvtcae", Normative.Aggregation.AggregatorKind.PoE)]
    [InlineData("mmvm", Normative.Aggregation.AggregatorKind.MoE)]
    public void ModelsWithAFixedFusionRuleRecordItAndRejectAnother(string name, Normative.Aggregation.AggregatorKind fixedKind)
    {
        using var data = ToyCohort.Create(8, seed: 4);
        using var model = ModelTraining.Create(name, data, aggregator: Normative.Aggregation.AggregatorKind.MoPoE);
        Assert.Equal(fixedKind, model.Spec.Aggregator);
        var spec = model.Spec with { Aggregator = Normative.Aggregation.AggregatorKind.Avg };
        Assert.Contains(fixedKind.ToString(), Assert.Throws<ArgumentException>(() => ModelFactory.Create(spec)).Message);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }
}
