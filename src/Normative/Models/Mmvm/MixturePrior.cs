using Normative.Aggregation;
using static TorchSharp.torch;

namespace Normative.Models;

/// <summary>
/// The MMVM rate term (mmvm-vae paper §4, Eq. 2): each unimodal posterior q_m(z_m | x_m) against the
/// data-dependent mixture prior h(z | X) = 1/|O| sum_{m' in O} q_m'(z | x_m'), estimated by Monte Carlo
/// with a log-sum-exp: KL(q_m || h) ≈ 1/S sum_s [log q_m(z^s) - logsumexp_m'(log q_m'(z^s) - log |O|)],
/// z^s ~ q_m (design §3).
/// </summary>
/// <remarks>
/// Sutter, Meng, Fortuin et al., "Unity by Diversity: Improved Representation Learning in Multimodal
/// VAEs", 2024 (arXiv:2403.05300). The sum over modalities is M times the Jensen-Shannon divergence of
/// the unimodal posteriors, so it is zero exactly when they coincide (then each log-ratio is 0 for every
/// sample). Gradients flow through the samples (reparameterised) and through h.
/// </remarks>
public static class MixturePrior
{
    /// <summary>Reparameterised draws z^s ~ q_m for every modality: [S, M, n, d].</summary>
    /// <param name="unimodal">Means and log-variances [M, n, d].</param>
    /// <param name="samples">S. Range: &gt;= 1.</param>
    /// <param name="generator">Random source (CPU generators work for any device); null uses torch's global one.</param>
    public static Tensor Sample(GaussianParameters unimodal, int samples, Generator? generator)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        using var scope = NewDisposeScope();
        var shape = new[] { (long)samples }.Concat(unimodal.Mu.shape).ToArray();
        var eps = randn(shape, unimodal.Mu.dtype, generator?.device ?? unimodal.Mu.device, generator: generator).to(unimodal.Mu.device);
        return (unimodal.Mu + (0.5 * unimodal.LogVar).exp() * eps).MoveToOuterDisposeScope();
    }

    /// <summary>KL(q_m || h) per modality and subject [M, n], 0 for unobserved modalities.</summary>
    /// <param name="unimodal">Means and log-variances [M, n, d].</param>
    /// <param name="observed">Bool [n, M]; h mixes the observed modalities only.</param>
    /// <param name="z">Draws from <see cref="Sample"/>, [S, M, n, d].</param>
    public static Tensor Kl(GaussianParameters unimodal, Tensor observed, Tensor z)
    {
        using var scope = NewDisposeScope();
        long s = z.shape[0], m = z.shape[1], n = z.shape[2], d = z.shape[3];
        var h = new MixtureOfExperts().Aggregate(unimodal.Mu, unimodal.LogVar, observed);
        var logH = h.LogDensity(z.reshape(s * m, n, d)).reshape(s, m, n);
        var logQ = DiagonalGaussian.LogDensity(z, unimodal.Mu.unsqueeze(0), unimodal.LogVar.unsqueeze(0));   // [S, M, n]
        var kl = (logQ - logH).mean([0]).masked_fill(observed.t().logical_not(), 0.0);
        return kl.MoveToOuterDisposeScope();
    }
}
