using Normative.Aggregation;
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
        // The same subjects with PET marked missing, once with zeros and once with garbage in the PET rows.
        using var zeros = ToyCohort.WithMissing(complete, 1, mriOnly, 0f);
        using var garbage = ToyCohort.WithMissing(complete, 1, mriOnly, 1e3f);

        var a = Scorer.Score(model, zeros);
        var b = Scorer.Score(model, garbage);
        var full = Scorer.Score(model, complete);

        foreach (var i in mriOnly)
        {
            for (int j = 0; j < model.LatentDim; j++) Assert.Equal(a.Latent[i, j], b.Latent[i, j]);
            for (int j = 0; j < a.Errors[0].GetLength(1); j++) Assert.Equal(a.Errors[0][i, j], b.Errors[0][i, j]);
            for (int j = 0; j < a.Errors[1].GetLength(1); j++) Assert.True(double.IsNaN(a.Errors[1][i, j]));
            Assert.False(a.Observed[i, 1]);
            // Using only MRI changes the latent compared with using both modalities.
            Assert.Contains(Enumerable.Range(0, model.LatentDim), j => a.Latent[i, j] != full.Latent[i, j]);
        }
        // Other subjects are unaffected by their neighbours' missing modality.
        for (int j = 0; j < model.LatentDim; j++) Assert.Equal(full.Latent[0, j], a.Latent[0, j], 6);

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
        var absolute = Scorer.Score(model, data, new ScoringOptions { Error = ErrorMeasure.Absolute });
        var input = TensorAssert.Values(data.Modalities[1]);
        int p = data.FeatureCounts[1];
        for (int i = 0; i < data.Count; i++)
        {
            for (int j = 0; j < p; j++)
            {
                double diff = input[i * p + j] - squared.Reconstructions[1][i, j];
                Assert.Equal(diff * diff, squared.Errors[1][i, j], 4);
                Assert.Equal(Math.Abs(diff), absolute.Errors[1][i, j], 4);
            }
        }
        Assert.Equal(data.FeatureCounts.Sum(), squared.AllErrors().GetLength(1));
        Assert.Equal(squared.Errors[1][2, 3], squared.AllErrors()[2, data.FeatureCounts[0] + 3]);
    }
}
