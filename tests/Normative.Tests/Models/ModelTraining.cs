using Normative.Aggregation;
using Normative.Data;
using Normative.Models;
using Normative.Training;

namespace Normative.Tests.Models;

/// <summary>Small shared set-ups for model tests.</summary>
internal static class ModelTraining
{
    public static MultimodalVae Create(string name, SubjectTensors data, AggregatorKind? aggregator = AggregatorKind.MoPoE, int latent = 4, int seed = 1, ModelOptions? options = null) =>
        ModelFactory.Create(name, aggregator, latent, data.FeatureCounts, data.CovariateCount, options, seed, data.ModalityNames);

    public static TrainingOptions Quick(int epochs, int seed = 3) => new() { Epochs = epochs, LearningRate = 3e-3, BatchSize = 32, Seed = seed };
}
