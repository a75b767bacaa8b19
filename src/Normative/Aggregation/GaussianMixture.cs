using static TorchSharp.torch;

namespace Normative.Aggregation;

/// <summary>
/// A per-subject mixture of diagonal Gaussians, q(z | X) = sum_k w_k N(mu_k, diag exp(logvar_k)), the
/// joint posterior every aggregator returns (PoE and AVG have one component).
/// </summary>
/// <remarks>
/// Weights are per subject so each subject can use only the components its observed modalities allow
/// (weight 0 elsewhere). The instance owns its tensors; inside a dispose scope they are tracked by the
/// scope like any other tensor.
/// </remarks>
public sealed class GaussianMixture : IDisposable
{
    /// <param name="weights">Component weights [n, K]; each row sums to 1.</param>
    /// <param name="mu">Component means [K, n, d].</param>
    /// <param name="logVar">Component log-variances [K, n, d].</param>
    public GaussianMixture(Tensor weights, Tensor mu, Tensor logVar)
    {
        if (mu.dim() != 3 || !logVar.shape.SequenceEqual(mu.shape))
            throw new ArgumentException($"Means [{string.Join(", ", mu.shape)}] and log-variances [{string.Join(", ", logVar.shape)}] must share a [K, n, d] shape.", nameof(mu));
        if (weights.dim() != 2 || weights.shape[0] != mu.shape[1] || weights.shape[1] != mu.shape[0])
            throw new ArgumentException($"Weights must be [{mu.shape[1]}, {mu.shape[0]}]; got [{string.Join(", ", weights.shape)}].", nameof(weights));
        Weights = weights;
        Mu = mu;
        LogVar = logVar;
    }

    /// <summary>One Gaussian per subject: mean and log-variance [n, d].</summary>
    public static GaussianMixture Single(Tensor mu, Tensor logVar) =>
        new(ones(mu.shape[0], 1, mu.dtype, mu.device), mu.unsqueeze(0), logVar.unsqueeze(0));

    /// <summary>Component weights w [n, K].</summary>
    public Tensor Weights { get; }

    /// <summary>Component means [K, n, d].</summary>
    public Tensor Mu { get; }

    /// <summary>Component log-variances [K, n, d].</summary>
    public Tensor LogVar { get; }

    /// <summary>Number of components K.</summary>
    public int ComponentCount => (int)Mu.shape[0];

    /// <summary>Number of subjects n.</summary>
    public int Count => (int)Mu.shape[1];

    /// <summary>Latent dimension d.</summary>
    public int LatentDim => (int)Mu.shape[2];

    /// <summary>The mixture mean E[z] = sum_k w_k mu_k, [n, d].</summary>
    public Tensor Mean()
    {
        using var scope = NewDisposeScope();
        var mean = (Weights.t().unsqueeze(-1) * Mu.masked_fill(Weights.t().unsqueeze(-1).eq(0), 0.0)).sum(dim: 0);
        return mean.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// One reparameterised sample per subject, z_i = mu_{k_i} + exp(logvar_{k_i} / 2) * eps with the
    /// component k_i chosen by <see cref="StratifiedAssignment"/>: the batch is split across components in
    /// proportion to their weights (evenly for uniform weights), in a seeded random order.
    /// </summary>
    /// <param name="generator">Random source; null uses torch's global generator (seed it with manual_seed).</param>
    public Tensor Sample(Generator? generator = null)
    {
        using var scope = NewDisposeScope();
        var assignment = StratifiedAssignment.Assign(Weights, generator);
        var (mu, logVar) = Select(assignment);
        // Draw on the generator's device (a seeded CPU generator also works for a CUDA model).
        var eps = randn(mu.shape, mu.dtype, generator?.device ?? mu.device, generator: generator).to(mu.device);
        var z = mu + (0.5 * logVar).exp() * eps;
        return z.MoveToOuterDisposeScope();
    }

    /// <summary>The parameters of component <c>assignment[i]</c> for each subject i, each [n, d].</summary>
    public (Tensor Mu, Tensor LogVar) Select(long[] assignment)
    {
        if (assignment.Length != Count) throw new ArgumentException($"{assignment.Length} assignments for {Count} subjects.", nameof(assignment));
        using var scope = NewDisposeScope();
        var index = tensor(assignment, device: Mu.device).view(1, Count, 1).expand(1, Count, LatentDim);
        var mu = Mu.gather(0, index).squeeze(0);
        var logVar = LogVar.gather(0, index).squeeze(0);
        return (mu.MoveToOuterDisposeScope(), logVar.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// KL(q || N(0, I)) bounded by the weighted sum of component KLs, sum_k w_k KL(q_k || p), per subject [n].
    /// </summary>
    /// <remarks>
    /// By convexity of KL this is an upper bound on the mixture's KL, exact for one component; it is
    /// the convention of the MoPoE reference code (Sutter et al. 2021) and of Multi-view-AE.
    /// </remarks>
    public Tensor KlToPrior()
    {
        using var scope = NewDisposeScope();
        var componentKl = DiagonalGaussian.KlToStandardNormal(Mu, LogVar).t();   // [n, K]
        var kl = (Weights * componentKl.masked_fill(Weights.eq(0), 0.0)).sum(1);
        return kl.MoveToOuterDisposeScope();
    }

    /// <summary>log q(z | X) = logsumexp_k (log w_k + log N(z; mu_k, var_k)) for z [S, n, d] or [n, d].</summary>
    public Tensor LogDensity(Tensor z)
    {
        using var scope = NewDisposeScope();
        var zs = z.dim() == 2 ? z.unsqueeze(0) : z;                               // [S, n, d]
        var perComponent = DiagonalGaussian.LogDensity(zs.unsqueeze(1), Mu.unsqueeze(0), LogVar.unsqueeze(0)); // [S, K, n]
        var logW = Weights.t().log().unsqueeze(0);                                 // [1, K, n]
        var log = (perComponent + logW).logsumexp(1, keepdim: false);               // [S, n]
        if (z.dim() == 2) log = log.squeeze(0);
        return log.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Monte-Carlo estimate of KL(q || N(0, I)) = E_q[log q(z) - log p(z)] per subject [n], with
    /// <paramref name="samples"/> draws per subject (components drawn by weight). For diagnostics: it
    /// estimates the true mixture KL, which <see cref="KlToPrior"/> bounds from above.
    /// </summary>
    public Tensor MonteCarloKl(int samples, Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var component = Weights.to(generator?.device ?? Weights.device).multinomial(samples, replacement: true, generator: generator).t().to(Mu.device); // [S, n]
        var index = component.unsqueeze(-1).expand(samples, Count, LatentDim);                    // [S, n, d]
        var muK = Mu.gather(0, index);
        var logVarK = LogVar.gather(0, index);
        var z = muK + (0.5 * logVarK).exp() * randn(muK.shape, Mu.dtype, generator?.device ?? Mu.device, generator: generator).to(Mu.device);
        var kl = (LogDensity(z) - DiagonalGaussian.LogStandardNormal(z)).mean([0]);
        return kl.MoveToOuterDisposeScope();
    }

    /// <summary>Moves the tensors out of the current dispose scope (for methods that return a mixture).</summary>
    public GaussianMixture MoveToOuterDisposeScope()
    {
        Weights.MoveToOuterDisposeScope();
        Mu.MoveToOuterDisposeScope();
        LogVar.MoveToOuterDisposeScope();
        return this;
    }

    public void Dispose()
    {
        Weights.Dispose();
        Mu.Dispose();
        LogVar.Dispose();
    }
}
