using static TorchSharp.torch;

namespace Normative.Aggregation;

/// <summary>Closed forms for diagonal Gaussians N(mu, diag exp(logvar)) used by every aggregator and model.</summary>
public static class DiagonalGaussian
{
    private static readonly double LogTwoPi = Math.Log(2 * Math.PI);

    /// <summary>
    /// KL(N(mu, diag sigma^2) || N(0, I)) = 1/2 sum_j (sigma_j^2 + mu_j^2 - 1 - log sigma_j^2), summed over
    /// the last dimension.
    /// </summary>
    /// <remarks>Kingma and Welling, "Auto-Encoding Variational Bayes", 2014, App. B.</remarks>
    public static Tensor KlToStandardNormal(Tensor mu, Tensor logVar)
    {
        using var scope = NewDisposeScope();
        var kl = 0.5 * (logVar.exp() + mu.square() - 1.0 - logVar).sum(-1);
        return kl.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// KL(N(mu1, diag sigma1^2) || N(mu2, diag sigma2^2)) = 1/2 sum_j (log sigma2_j^2 - log sigma1_j^2
    /// + (sigma1_j^2 + (mu1_j - mu2_j)^2) / sigma2_j^2 - 1), summed over the last dimension.
    /// </summary>
    public static Tensor Kl(Tensor mu1, Tensor logVar1, Tensor mu2, Tensor logVar2)
    {
        using var scope = NewDisposeScope();
        var kl = 0.5 * (logVar2 - logVar1 + (logVar1.exp() + (mu1 - mu2).square()) * (-logVar2).exp() - 1.0).sum(-1);
        return kl.MoveToOuterDisposeScope();
    }

    /// <summary>log N(z; mu, diag exp(logvar)), summed over the last dimension.</summary>
    public static Tensor LogDensity(Tensor z, Tensor mu, Tensor logVar)
    {
        using var scope = NewDisposeScope();
        var log = -0.5 * ((z - mu).square() * (-logVar).exp() + logVar + LogTwoPi).sum(-1);
        return log.MoveToOuterDisposeScope();
    }

    /// <summary>log N(z; 0, I), summed over the last dimension.</summary>
    public static Tensor LogStandardNormal(Tensor z)
    {
        using var scope = NewDisposeScope();
        var log = -0.5 * (z.square() + LogTwoPi).sum(-1);
        return log.MoveToOuterDisposeScope();
    }
}
