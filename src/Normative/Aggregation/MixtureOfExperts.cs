using static TorchSharp.torch;

namespace Normative.Aggregation;

/// <summary>
/// Mixture of experts (mmSIVAE Eq. 5): q(z | X) = 1/|O| sum_{m in O} q(z | x_m) over the observed
/// modalities O of each subject.
/// </summary>
/// <remarks>Shi et al., "Variational Mixture-of-Experts Autoencoders for Multi-Modal Deep Generative Models",
/// NeurIPS 2019 (arXiv:1911.03393).</remarks>
public sealed class MixtureOfExperts : IPosteriorAggregator
{
    /// <inheritdoc/>
    public AggregatorKind Kind => AggregatorKind.MoE;

    /// <inheritdoc/>
    public int ComponentCount(int modalityCount) => modalityCount;

    /// <inheritdoc/>
    public GaussianMixture Aggregate(Tensor mu, Tensor logVar, Tensor observed)
    {
        Aggregators.Validate(mu, logVar, observed);
        using var scope = NewDisposeScope();
        var weights = observed.to_type(mu.dtype);
        weights = weights / weights.sum(1, keepdim: true);
        return new GaussianMixture(weights, mu.alias(), logVar.alias()).MoveToOuterDisposeScope();
    }
}
