using Normative.Aggregation;
using Normative.Models;
using Normative.Tests.TestData;
using Normative.Training;
using static TorchSharp.torch;

namespace Normative.Tests.Models;

public sealed class ModelTrainingTests
{
    public static TheoryData<string, AggregatorKind?> EveryModel => new()
    {
        { "vae", null },
        { "sivae", null },
        { "mmvae", AggregatorKind.PoE },
        { "mmvae", AggregatorKind.MoE },
        { "mmvae", AggregatorKind.MoPoE },
        { "mmvae", AggregatorKind.Avg },
        { "mmsivae", AggregatorKind.PoE },
        { "mmsivae", AggregatorKind.MoE },
        { "mmsivae", AggregatorKind.MoPoE },
        { "mmjsd", null },
        { "jmvae", null },
        { "mvtcae", null },
        { "mmvm", null },
        { "jnf", null },
        { "jnf-shared", null },
    };

    [Theory]
    [MemberData(nameof(EveryModel))]
    public void TrainsWithFiniteDecreasingLoss(string name, AggregatorKind? aggregator)
    {
        using var data = ToyCohort.Create(96, seed: 1);
        using var model = ModelTraining.Create(name, data, aggregator);
        var history = Trainer.Fit(model, data, ModelTraining.Quick(25));

        Assert.Equal(25, history.Epochs.Count);
        Assert.All(history.Epochs, e => Assert.All(e.Terms.Values, v => Assert.True(double.IsFinite(v))));
        var losses = history.Losses;
        // The negative ELBO of the real data must fall clearly: last three epochs below 80% of the first.
        Assert.True(losses.TakeLast(3).Average() < 0.8 * losses[0], $"Loss went from {losses[0]:F2} to {losses[^1]:F2}.");
    }

    [Theory]
    [InlineData("mmsivae")]
    [InlineData("mmvae")]
    [InlineData("sivae")]
    [InlineData("mmjsd")]
    [InlineData("jmvae")]
    [InlineData("mvtcae")]
    [InlineData("mmvm")]
    [InlineData("jnf")]
    [InlineData("jnf-shared")]
    public void TheSameSeedGivesBitIdenticalWeights(string name)
    {
        float[][] Run()
        {
            using var data = ToyCohort.Create(64, seed: 2);
            using var model = ModelTraining.Create(name, data, seed: 5);
            Trainer.Fit(model, data, ModelTraining.Quick(3, seed: 9));
            return TensorAssert.Snapshot(model.parameters());
        }
        var first = Run();
        var second = Run();
        Assert.Equal(first.Length, second.Length);
        for (int i = 0; i < first.Length; i++) Assert.Equal(first[i], second[i]);
    }

    [Fact]
    public void ADifferentSeedGivesDifferentWeights()
    {
        using var data = ToyCohort.Create(64, seed: 2);
        using var a = ModelTraining.Create("mmvae", data, seed: 5);
        using var b = ModelTraining.Create("mmvae", data, seed: 6);
        Assert.NotEqual(TensorAssert.Snapshot(a.parameters())[0], TensorAssert.Snapshot(b.parameters())[0]);
    }

    [Fact]
    public void ANonFiniteInputStopsTrainingNamingEpochBatchAndTerm()
    {
        using var data = ToyCohort.Create(40, seed: 3);
        data.Modalities[0][5, 2] = tensor(float.NaN);
        using var model = ModelTraining.Create("mmsivae", data);
        var before = TensorAssert.Snapshot(model.parameters());
        var error = Assert.Throws<NonFiniteLossException>(() => Trainer.Fit(model, data, ModelTraining.Quick(2) with { BatchSize = 64 }));
        Assert.Equal((1, 1), (error.Epoch, error.Batch));
        Assert.Equal("rec", error.Term);
        Assert.Contains("epoch 1, batch 1", error.Message);
        // Detected before the optimiser step: the weights are untouched.
        var after = TensorAssert.Snapshot(model.parameters());
        for (int i = 0; i < before.Length; i++) Assert.Equal(before[i], after[i]);
    }

    [Fact]
    public void ConcatenatingModelsRejectIncompleteSubjectsWithAClearError()
    {
        using var complete = ToyCohort.Create(20, seed: 4);
        using var data = ToyCohort.WithMissing(complete, 1, [6], 0f);
        using var model = ModelTraining.Create("vae", data);
        var error = Assert.Throws<ArgumentException>(() => Scorer.Score(model, data));
        Assert.Contains("row 7", error.Message);
    }

    [Fact]
    public void UnknownModelsAndMismatchedOptionsAreRejected()
    {
        using var data = ToyCohort.Create(8, seed: 4);
        Assert.Contains("mmsivae", Assert.Throws<ArgumentException>(() => ModelTraining.Create("gan", data)).Message);
        Assert.Contains(nameof(MmSivaeOptions), Assert.Throws<ArgumentException>(() => ModelTraining.Create("mmsivae", data, options: new ModelOptions())).Message);
    }
}
