using MathNet.Numerics.Distributions;

namespace Normative.Deviation;

/// <summary>
/// A correlation coefficient r with its two-sided p-value from the t distribution:
/// t = r sqrt(nu / (1 - r^2)), p = 2 P(T_nu &gt;= |t|), nu = n - 2 (minus the covariates partialled out).
/// </summary>
/// <param name="Method">Pearson or Spearman.</param>
/// <param name="Coefficient">r in [-1, 1].</param>
/// <param name="PValue">Two-sided p-value of H0: rho = 0 (0 when |r| = 1).</param>
/// <param name="Count">Number of pairs n.</param>
/// <param name="DegreesOfFreedom">nu of the t distribution.</param>
public sealed record CorrelationResult(CorrelationMethod Method, double Coefficient, double PValue, int Count, int DegreesOfFreedom)
{
    internal static CorrelationResult FromCoefficient(CorrelationMethod method, double r, int count, int degreesOfFreedom)
    {
        if (degreesOfFreedom < 1)
            throw new ArgumentException($"{count} pairs leave {degreesOfFreedom} degrees of freedom; at least 1 is needed for a p-value.");
        r = Math.Clamp(r, -1.0, 1.0);
        double p = Math.Abs(r) >= 1.0
            ? 0.0
            : 2 * StudentT.CDF(0, 1, degreesOfFreedom, -Math.Abs(r) * Math.Sqrt(degreesOfFreedom / (1 - r * r)));
        return new CorrelationResult(method, r, Math.Min(1.0, p), count, degreesOfFreedom);
    }
}
