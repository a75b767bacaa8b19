using Normative.Data;
using Normative.Models;
using Normative.Tests.TestData;
using Normative.Training;
using static TorchSharp.torch;

namespace Normative.Tests.Models;

public sealed class JnfTests
{
    [Theory]
    [InlineData("jnf")]
    [InlineData("jnf-shared")]
    public void StageTwoFitsTheUnimodalPosteriorsWithTheJointModelFrozen(string name)
    {
        using var data = ToyCohort.Create(64, seed: 31);
        using var model = (Jnf)ModelTraining.Create(name, data, aggregator: null);
        var history = Trainer.Fit(model, data, ModelTraining.Quick(12));

        // The default schedule: epochs 1-6 train the joint VAE, 7-12 the unimodal flow posteriors.
        Assert.Equal(6, model.JointEpochs(12));
        Assert.All(history.Epochs.Take(6), e => Assert.DoesNotContain("nll_unimodal", e.Terms.Keys));
        Assert.All(history.Epochs.Skip(6), e => Assert.Contains("nll_unimodal", e.Terms.Keys));
        if (name == "jnf-shared") Assert.All(history.Epochs.Take(6), e => Assert.Contains("contrastive", e.Terms.Keys));
        var nll = history.Epochs.Skip(6).Select(e => e.Terms["nll_unimodal"]).ToArray();
        Assert.True(nll[^1] < nll[0], $"-sum_j log q_j went from {nll[0]:F2} to {nll[^1]:F2}.");

        // A stage-2 step changes only the unimodal encoders and flows.
        var joint = model.named_parameters().Where(p => !p.name.StartsWith("encoder") && !p.name.StartsWith("flows")).ToArray();
        var before = TensorAssert.Snapshot(joint.Select(p => p.parameter));
        using (var scope = NewDisposeScope())
        {
            using var random = new Generator(1, CPU);
            model.TrainStep(ModelBatch.From(data), new StepContext(12, 1, random, 12));
        }
        var after = TensorAssert.Snapshot(joint.Select(p => p.parameter));
        for (int i = 0; i < before.Length; i++) Assert.Equal(before[i], after[i]);
    }

    [Fact]
    public void SubsetPosteriorsOfThreeModalitiesAreSampledByHmcAndIgnoreTheMissingModality()
    {
        using var two = ToyCohort.Create(48, seed: 32);
        // Three modalities: MRI split into two halves, and PET.
        var mri = two.Modalities[0];
        using var data = new SubjectTensors(two.SubjectIds, ["mri_a", "mri_b", "pet"], [mri[.., ..6], mri[.., 6..], two.Modalities[1]], two.Covariates);
        var options = new JnfOptions { HmcSamples = 30, HmcBurnIn = 20, PosteriorSamples = 64 };
        using var model = ModelTraining.Create("jnf", data, aggregator: null, options: options);
        Trainer.Fit(model, data, ModelTraining.Quick(6));

        int[] petMissing = [4], petAndMriBMissing = [9];
        using var partial = ToyCohort.WithMissing(ToyCohort.WithMissing(data, 2, [.. petMissing, .. petAndMriBMissing], 0f), 1, petAndMriBMissing, 0f);
        using var garbage = ToyCohort.WithMissing(ToyCohort.WithMissing(data, 2, [.. petMissing, .. petAndMriBMissing], 1e3f), 1, petAndMriBMissing, -1e3f);
        var a = Scorer.Score(model, partial);
        var b = Scorer.Score(model, garbage);
        var again = Scorer.Score(model, partial);
        var full = Scorer.Score(model, data);
        foreach (var i in petMissing.Concat(petAndMriBMissing))
        {
            for (int j = 0; j < model.LatentDim; j++)
            {
                Assert.True(double.IsFinite(a.Latent[i, j]));
                Assert.Equal(a.Latent[i, j], b.Latent[i, j]);       // the missing values are never read
                Assert.Equal(a.Latent[i, j], again.Latent[i, j]);   // the samplers are seeded
            }
            Assert.Contains(Enumerable.Range(0, model.LatentDim), j => a.Latent[i, j] != full.Latent[i, j]);
        }
        // Complete subjects keep the joint posterior mean.
        for (int j = 0; j < model.LatentDim; j++) Assert.Equal(full.Latent[0, j], a.Latent[0, j], 6);
    }

    [Fact]
    public void AnExplicitStageOneLengthOverridesTheHalfRunDefault()
    {
        using var data = ToyCohort.Create(8, seed: 33);
        using var model = (Jnf)ModelTraining.Create("jnf", data, aggregator: null, options: new JnfOptions { JointEpochs = 9 });
        Assert.Equal(9, model.JointEpochs(10));
        using var halves = (Jnf)ModelTraining.Create("jnf", data, aggregator: null);
        Assert.Equal(3, halves.JointEpochs(5));
        Assert.Throws<InvalidOperationException>(() => halves.JointEpochs(0));
    }
}
