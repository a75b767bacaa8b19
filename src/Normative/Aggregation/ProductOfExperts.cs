using static TorchSharp.torch;

namespace Normative.Aggregation;

/// <summary>
/// Product of Gaussian experts (mmSIVAE Eq. 4): with precisions T_m = exp(-logvar_m) over the observed
/// experts and the prior expert N(0, I) (T_0 = 1, mu_0 = 0),
/// sigma^2 = (sum_m T_m)^-1 and mu = sigma^2 sum_m T_m mu_m.
/// </summary>
/// <remarks>
/// Wu and Goodman, "Multimodal Generative Models for Scalable Weakly-Supervised Learning", NeurIPS 2018
/// (arXiv:1802.05335). Computed in log-variance space: logvar = -logsumexp_m(-logvar_m) and the mean
/// weights are softmax_m(-logvar_m), so no precision is ever formed explicitly (stable for very sharp
/// or very flat experts). Unobserved experts get -inf log-precision and so weight exactly 0.
/// </remarks>
public sealed class ProductOfExperts : IPosteriorAggregator
{
    /// <inheritdoc/>
    public AggregatorKind Kind => AggregatorKind.PoE;

    /// <inheritdoc/>
    public int ComponentCount(int modalityCount) => 1;

    /// <inheritdoc/>
    public GaussianMixture Aggregate(Tensor mu, Tensor logVar, Tensor observed)
    {
        Aggregators.Validate(mu, logVar, observed);
        using var scope = NewDisposeScope();
        var (poeMu, poeLogVar) = Combine(mu, logVar, observed.t(), includePriorExpert: true);
        return GaussianMixture.Single(poeMu, poeLogVar).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The product of the experts selected by <paramref name="use"/>, optionally with the prior expert.
    /// </summary>
    /// <param name="mu">Expert means [E, n, d].</param>
    /// <param name="logVar">Expert log-variances [E, n, d].</param>
    /// <param name="use">Bool [E, n]: which experts enter the product for each subject.</param>
    /// <param name="includePriorExpert">Add N(0, I) as one more expert.</param>
    /// <returns>Mean and log-variance, each [n, d].</returns>
    public static (Tensor Mu, Tensor LogVar) Combine(Tensor mu, Tensor logVar, Tensor use, bool includePriorExpert)
    {
        using var scope = NewDisposeScope();
        var logPrecision = (-logVar).masked_fill(use.logical_not().unsqueeze(-1), double.NegativeInfinity);
        var means = mu;
        if (includePriorExpert)
        {
            // The prior expert: mean 0, log-precision 0.
            logPrecision = cat([logPrecision, zeros_like(logPrecision[..1])], 0);
            means = cat([mu, zeros_like(mu[..1])], 0);
        }
        var poeLogVar = -logPrecision.logsumexp(0, keepdim: false);
        var weights = logPrecision.softmax(0);
        // Unused experts have weight 0; masked_fill keeps a non-finite mean there from leaking NaN.
        var poeMu = (weights * means.masked_fill(weights.eq(0), 0.0)).sum(dim: 0);
        return (poeMu.MoveToOuterDisposeScope(), poeLogVar.MoveToOuterDisposeScope());
    }
}
