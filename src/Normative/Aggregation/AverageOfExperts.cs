using static TorchSharp.torch;

namespace Normative.Aggregation;

/// <summary>
/// Averaging aggregator (AVG): mu = 1/|O| sum_{m in O} mu_m and sigma = 1/|O| sum_{m in O} sigma_m over
/// the observed modalities O, i.e. the mean of the means and the mean of the standard deviations.
/// </summary>
/// <remarks>Sutter, Meng, Fortuin et al., "Unity by Diversity: Improved Representation Learning in
/// Multimodal VAEs" (MMVM VAE), 2024 (arXiv:2403.05300), App. B.</remarks>
public sealed class AverageOfExperts : IPosteriorAggregator
{
    /// <inheritdoc/>
    public AggregatorKind Kind => AggregatorKind.Avg;

    /// <inheritdoc/>
    public int ComponentCount(int modalityCount) => 1;

    /// <inheritdoc/>
    public GaussianMixture Aggregate(Tensor mu, Tensor logVar, Tensor observed)
    {
        Aggregators.Validate(mu, logVar, observed);
        using var scope = NewDisposeScope();
        var weights = observed.t().to_type(mu.dtype).unsqueeze(-1);   // [M, n, 1]
        var count = weights.sum(dim: 0);
        var mean = (mu.masked_fill(weights.eq(0), 0.0) * weights).sum(dim: 0) / count;
        var sd = ((0.5 * logVar).exp().masked_fill(weights.eq(0), 0.0) * weights).sum(dim: 0) / count;
        return GaussianMixture.Single(mean, 2.0 * sd.log()).MoveToOuterDisposeScope();
    }
}
