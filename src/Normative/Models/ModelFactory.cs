using Normative.Aggregation;

namespace Normative.Models;

/// <summary>Builds a model by registry name with seeded weight initialisation.</summary>
public static class ModelFactory
{
    /// <summary>
    /// A new, untrained model. The same arguments and seed give bit-identical initial weights.
    /// </summary>
    /// <param name="name">Registry name: vae, sivae, mmvae, mmsivae, ...</param>
    /// <param name="aggregator">Aggregator for multimodal models (null: MoPoE, the paper's choice); ignored by models that take none (see <see cref="ModelDescriptor.UsesAggregator"/>).</param>
    /// <param name="latentDim">Latent size d (paper: 5, 10, 15, 20).</param>
    /// <param name="featureCounts">Feature count of each modality.</param>
    /// <param name="covariateCount">Covariate width.</param>
    /// <param name="options">The model's options; null uses its defaults.</param>
    /// <param name="seed">Seed of the weight initialisation.</param>
    /// <param name="modalityNames">Modality names (default "modality1", ...).</param>
    public static MultimodalVae Create(string name, AggregatorKind? aggregator, int latentDim, IReadOnlyList<int> featureCounts,
        int covariateCount, ModelOptions? options = null, int seed = 0, IReadOnlyList<string>? modalityNames = null) =>
        Create(Spec(name, aggregator, latentDim, featureCounts, covariateCount, options, seed, modalityNames));

    /// <summary>The spec <see cref="Create(string, AggregatorKind?, int, IReadOnlyList{int}, int, ModelOptions?, int, IReadOnlyList{string}?)"/>
    /// builds from (defaults filled in, options checked), e.g. to build a stack of it with <see cref="ModelSpec.MemberSeeds"/>.</summary>
    public static ModelSpec Spec(string name, AggregatorKind? aggregator, int latentDim, IReadOnlyList<int> featureCounts,
        int covariateCount, ModelOptions? options = null, int seed = 0, IReadOnlyList<string>? modalityNames = null)
    {
        var descriptor = ModelRegistry.Get(name);
        options ??= descriptor.DefaultOptions();
        if (!descriptor.OptionsType.IsInstanceOfType(options))
            throw new ArgumentException($"Model '{descriptor.Name}' takes {descriptor.OptionsType.Name}; got {options.GetType().Name}.", nameof(options));
        var spec = new ModelSpec(descriptor.Name,
            descriptor.UsesAggregator ? aggregator ?? AggregatorKind.MoPoE : null,
            latentDim, featureCounts.ToArray(), covariateCount,
            (modalityNames ?? featureCounts.Select((_, m) => $"modality{m + 1}").ToArray()).ToArray(),
            options, seed);
        return spec;
    }

    /// <summary>A new model from a full spec (used when loading checkpoints).</summary>
    public static MultimodalVae Create(ModelSpec spec)
    {
        // The model seeds its own weight initialisation from spec.Seed.
        return ModelRegistry.Get(spec.Name).Create(spec);
    }
}
