using static TorchSharp.torch;

namespace Normative.Aggregation;

/// <summary>
/// Fuses M diagonal-Gaussian unimodal posteriors q_m = N(mu_m, diag exp(logvar_m)) into the joint
/// posterior q(z | X), using only the modalities each subject has.
/// </summary>
/// <remarks>
/// One signature for every aggregator so models can swap them freely. The result is always a
/// <see cref="GaussianMixture"/> (PoE and AVG give one component). A subject whose mask selects a
/// subset of modalities gets that subset's posterior; the values in unobserved rows are ignored.
/// </remarks>
public interface IPosteriorAggregator
{
    /// <summary>Which aggregator this is.</summary>
    AggregatorKind Kind { get; }

    /// <summary>Number of mixture components the aggregator produces for M modalities.</summary>
    int ComponentCount(int modalityCount);

    /// <param name="mu">Unimodal means, float [M, n, d].</param>
    /// <param name="logVar">Unimodal log-variances, float [M, n, d].</param>
    /// <param name="observed">Availability mask, bool [n, M]; every row needs at least one true entry.</param>
    GaussianMixture Aggregate(Tensor mu, Tensor logVar, Tensor observed);
}
