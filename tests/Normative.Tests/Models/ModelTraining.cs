using Normative.Aggregation;
using Normative.Data;
using Normative.Models;
using Normative.Tests.TestData;
using Normative.Training;

namespace Normative.Tests.Models;

/// <summary>Small shared set-ups for model tests.</summary>
internal static class ModelTraining
{
    public static MultimodalVae Create(string name, SubjectTensors data, AggregatorKind? aggregator = AggregatorKind.MoPoE, int latent = 4, int seed = 1, ModelOptions? options = null) =>
        ModelFactory.Create(name, aggregator, latent, data.FeatureCounts, data.CovariateCount, options, seed, data.ModalityNames);

    /// <summary>
    /// Scores <paramref name="complete"/> with PET marked missing for <paramref name="mriOnly"/>, once with zeros and
    /// once with garbage in the PET rows, and checks the scores never read the missing values, the MRI errors stay
    /// finite, the PET errors are NaN, the latent differs from the complete-data one, and other subjects are unaffected.
    /// Returns the zero-filled cohort (the caller disposes it).
    /// </summary>
    public static SubjectTensors AssertMissingPetIsIgnored(MultimodalVae model, SubjectTensors complete, IReadOnlyList<int> mriOnly)
    {
        var zeros = ToyCohort.WithMissing(complete, 1, mriOnly, 0f);
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
        return zeros;
    }

    public static TrainingOptions Quick(int epochs, int seed = 3) => new() { Epochs = epochs, LearningRate = 3e-3, BatchSize = 32, Seed = seed };
}
