using Normative.Aggregation;
using Normative.Deviation;
using Normative.Models;
using Normative.Tests.Models;
using Normative.Tests.TestData;
using Normative.Training;
using static TorchSharp.torch;

namespace Normative.Tests.Training;

public sealed class ScorerTests
{
    [Theory]
    [InlineData("mmsivae", AggregatorKind.MoPoE)]
    [InlineData("mmvae", AggregatorKind.MoPoE)]
    [InlineData("mmvae", AggregatorKind.PoE)]
    [InlineData("mmvae", AggregatorKind.MoE)]
    public void ASubjectWithOnlyMriIsScoredFromTheMriSubsetPosterior(string name, AggregatorKind aggregator)
    {
        using var complete = ToyCohort.Create(48, seed: 11);
        using var model = ModelTraining.Create(name, complete, aggregator);
        Trainer.Fit(model, complete, ModelTraining.Quick(3));
        int[] mriOnly = [3, 17];
        using var zeros = ModelTraining.AssertMissingPetIsIgnored(model, complete, mriOnly);

        // The latent equals the posterior mean of the aggregator applied to the MRI expert alone.
        using var scope = NewDisposeScope();
        var posterior = model.Posterior(ModelBatch.From(zeros));
        var mriMask = tensor(new[] { true, false }).view(1, 2).expand(zeros.Count, 2);
        var mriAlone = model.Posterior(ModelBatch.From(complete) with { Observed = mriMask });
        TensorAssert.Close(mriAlone.Mean()[mriOnly[0]], posterior.Mean()[mriOnly[0]], 0);
    }

    [Fact]
    public void MeanScoresAreDeterministicAndSamplesFollowTheSeed()
    {
        using var data = ToyCohort.Create(30, seed: 12);
        using var model = ModelTraining.Create("mmsivae", data);
        Assert.Equal(Scorer.Score(model, data).Latent, Scorer.Score(model, data).Latent);
        var s1 = Scorer.Score(model, data, new ScoringOptions { Latent = LatentEstimate.Sample, Seed = 1 });
        var s1Again = Scorer.Score(model, data, new ScoringOptions { Latent = LatentEstimate.Sample, Seed = 1 });
        var s2 = Scorer.Score(model, data, new ScoringOptions { Latent = LatentEstimate.Sample, Seed = 2 });
        Assert.Equal(s1.Latent, s1Again.Latent);
        Assert.NotEqual(s1.Latent, s2.Latent);
    }

    [Fact]
    public void ErrorsAreSquaredOrAbsoluteDifferencesOfInputAndReconstruction()
    {
        using var data = ToyCohort.Create(10, seed: 13);
        using var model = ModelTraining.Create("mmvae", data);
        var squared = Scorer.Score(model, data);
        var absolute = Scorer.Score(model, data, new ScoringOptions { Error = RegionalErrorKind.Absolute });
        var input = TensorAssert.Values(data.Modalities[1]);
        int p = data.FeatureCounts[1];
        for (int i = 0; i < data.Count; i++)
        {
            for (int j = 0; j < p; j++)
            {
                double diff = input[i * p + j] - squared.Reconstructions[1][i, j];
                Assert.Equal(diff * diff, squared.Errors[1][i, j], 4);
                Assert.Equal(Math.Abs(diff), absolute.Errors[1][i, j], 4);
                Assert.Equal(diff, squared.Residuals[1][i, j], 4);
            }
        }
        Assert.Equal(squared.Residuals[1][2, 3], squared.AllResiduals()[2, data.FeatureCounts[0] + 3]);
        Assert.Equal(data.FeatureCounts.Sum(), squared.AllErrors().GetLength(1));
        Assert.Equal(squared.Errors[1][2, 3], squared.AllErrors()[2, data.FeatureCounts[0] + 3]);
    }
}
