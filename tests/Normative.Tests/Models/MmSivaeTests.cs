using Normative.Models;
using Normative.Tests.TestData;
using static TorchSharp.torch;

namespace Normative.Tests.Models;

public sealed class MmSivaeTests
{
    [Theory]
    [InlineData("mmsivae")]
    [InlineData("sivae")]
    public void TheEncoderUpdateLeavesDecodersUntouchedAndViceVersa(string name)
    {
        using var data = ToyCohort.Create(32, seed: 5);
        using var model = (MmSivae)ModelTraining.Create(name, data);
        model.PrepareTraining(1e-2);
        using var scope = NewDisposeScope();
        using var random = new Generator(1, CPU);
        var batch = ModelBatch.From(data);

        var encodersBefore = TensorAssert.Snapshot(model.EncoderParameters());
        var decodersBefore = TensorAssert.Snapshot(model.DecoderParameters());
        var encoderPhase = model.UpdateEncoder(batch, new StepContext(1, 1, random));
        AssertSame(decodersBefore, TensorAssert.Snapshot(model.DecoderParameters()));
        AssertChanged(encodersBefore, TensorAssert.Snapshot(model.EncoderParameters()));

        var encodersAfterEncoderStep = TensorAssert.Snapshot(model.EncoderParameters());
        model.UpdateDecoder(batch, encoderPhase, new StepContext(1, 1, random));
        AssertSame(encodersAfterEncoderStep, TensorAssert.Snapshot(model.EncoderParameters()));
        AssertChanged(decodersBefore, TensorAssert.Snapshot(model.DecoderParameters()));

        // Both sides are trainable again afterwards.
        Assert.All(model.parameters(), p => Assert.True(p.requires_grad));
    }

    [Fact]
    public void AStepReportsEveryTermOfAlgorithmOne()
    {
        using var data = ToyCohort.Create(32, seed: 6);
        using var model = ModelTraining.Create("mmsivae", data);
        model.PrepareTraining(1e-3);
        using var scope = NewDisposeScope();
        using var random = new Generator(1, CPU);
        var result = model.TrainStep(ModelBatch.From(data), new StepContext(1, 1, random));
        string[] expected = ["rec", "kl", "expelbo_rec", "expelbo_fake", "loss_encoder", "rec_decoder", "kl_rec", "kl_fake", "rec_rec", "rec_fake", "loss_decoder"];
        Assert.Equal(expected.Order(), result.Terms.Keys.Order());
        Assert.Equal(result.Terms["rec"] + result.Terms["kl"], result.Loss, 10);
        // expELBO = mean exp(-2 s (...)) lies in (0, 1].
        Assert.InRange(result.Terms["expelbo_rec"], 0, 1);
        Assert.InRange(result.Terms["expelbo_fake"], 0, 1);
    }

    [Fact]
    public void WarmUpEpochsArePlainVaeSteps()
    {
        using var data = ToyCohort.Create(32, seed: 7);
        using var model = ModelTraining.Create("mmsivae", data, options: new MmSivaeOptions { WarmupEpochs = 1 });
        model.PrepareTraining(1e-3);
        using var scope = NewDisposeScope();
        using var random = new Generator(1, CPU);
        var warm = model.TrainStep(ModelBatch.From(data), new StepContext(1, 1, random));
        var introspective = model.TrainStep(ModelBatch.From(data), new StepContext(2, 1, random));
        Assert.Equal(["kl", "loss_warmup", "rec"], warm.Terms.Keys.Order());
        Assert.Contains("expelbo_fake", introspective.Terms.Keys);
    }

    [Fact]
    public void TheScaleDefaultsToOneOverTheInputDimension()
    {
        using var data = ToyCohort.Create(8, seed: 8, features1: 12, features2: 10);
        using var model = (MmSivae)ModelTraining.Create("mmsivae", data);
        Assert.Equal(1.0 / 22, model.Scale, 12);
        using var paper = (MmSivae)ModelTraining.Create("mmsivae", data, options: new MmSivaeOptions { Scale = 1.0 / 90 });
        Assert.Equal(1.0 / 90, paper.Scale, 12);
    }

    private static void AssertSame(float[][] expected, float[][] actual)
    {
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i]);
    }

    private static void AssertChanged(float[][] before, float[][] after) =>
        Assert.Contains(Enumerable.Range(0, before.Length), i => !before[i].SequenceEqual(after[i]));
}
