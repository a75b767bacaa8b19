namespace Normative.Plots;

/// <summary>
/// A 2-D Gaussian with diagonal covariance, N(mu, diag(var)), and the two ways aggregators
/// combine such Gaussians into one Gaussian (a product, and AVG's averaging).
/// </summary>
internal readonly record struct DiagonalGaussian2D(double Mu1, double Mu2, double Var1, double Var2)
{
    /// <summary>The standard-normal prior expert p(z) = N(0, I).</summary>
    public static DiagonalGaussian2D StandardNormal { get; } = new(0, 0, 1, 1);

    /// <summary>Standard deviation of the first coordinate.</summary>
    public double Sd1 => Math.Sqrt(Var1);

    /// <summary>Standard deviation of the second coordinate.</summary>
    public double Sd2 => Math.Sqrt(Var2);

    /// <summary>p(x, y) = Π_i exp(−(z_i − μ_i)² / 2σ_i²) / √(2π σ_i²).</summary>
    public double Density(double x, double y) =>
        Math.Exp(-0.5 * ((x - Mu1) * (x - Mu1) / Var1 + (y - Mu2) * (y - Mu2) / Var2))
        / (2 * Math.PI * Math.Sqrt(Var1 * Var2));

    /// <summary>
    /// Product of experts, renormalised: precisions add, T = Σ_m 1/σ²_m, and the mean is the
    /// precision-weighted mean μ = (Σ_m μ_m/σ²_m) / T (Wu &amp; Goodman 2018, Eq. 3; mmSIVAE §2.2).
    /// </summary>
    public static DiagonalGaussian2D Product(IReadOnlyList<DiagonalGaussian2D> experts)
    {
        double precision1 = experts.Sum(e => 1 / e.Var1);
        double precision2 = experts.Sum(e => 1 / e.Var2);
        return new DiagonalGaussian2D(
            experts.Sum(e => e.Mu1 / e.Var1) / precision1,
            experts.Sum(e => e.Mu2 / e.Var2) / precision2,
            1 / precision1,
            1 / precision2);
    }

    /// <summary>AVG: the mean of the means and the mean of the standard deviations (mmvm-vae App. B).</summary>
    public static DiagonalGaussian2D Average(IReadOnlyList<DiagonalGaussian2D> experts)
    {
        double sd1 = experts.Average(e => e.Sd1);
        double sd2 = experts.Average(e => e.Sd2);
        return new DiagonalGaussian2D(experts.Average(e => e.Mu1), experts.Average(e => e.Mu2), sd1 * sd1, sd2 * sd2);
    }
}
