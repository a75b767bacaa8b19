using MathNet.Numerics.Distributions;

namespace Normative.Deviation;

/// <summary>
/// Welch's unequal-variance t-test: t = (mean_a - mean_b) / sqrt(s_a^2/n_a + s_b^2/n_b) with
/// Welch-Satterthwaite degrees of freedom
/// nu = (s_a^2/n_a + s_b^2/n_b)^2 / ((s_a^2/n_a)^2/(n_a - 1) + (s_b^2/n_b)^2/(n_b - 1)),
/// two-sided p = 2 P(T_nu &gt;= |t|).
/// </summary>
/// <remarks>
/// Used for region-wise group differences (design §5) instead of the pooled t-test the authors' code
/// implies (one-way ANOVA), because CDR groups and controls differ in both size and spread.
/// B. L. Welch, "The generalization of Student's problem when several different population variances
/// are involved", Biometrika 34 (1947) 28-35.
/// </remarks>
public static class WelchTTest
{
    /// <summary>Tests equal means of <paramref name="first"/> and <paramref name="second"/> (each with at least 2 values, not both constant).</summary>
    public static WelchTTestResult Compute(IReadOnlyList<double> first, IReadOnlyList<double> second)
    {
        var (a, b) = TwoSamples.Validate(first, second);
        double va = a.Variance / a.Count, vb = b.Variance / b.Count;
        double standardError = Math.Sqrt(va + vb);
        if (!(standardError > 0))
            throw new ArgumentException("Both samples are constant; the Welch t statistic is undefined.", nameof(second));
        double difference = a.Mean - b.Mean;
        double t = difference / standardError;
        double df = (va + vb) * (va + vb) / (va * va / (a.Count - 1) + vb * vb / (b.Count - 1));
        double p = 2 * StudentT.CDF(0, 1, df, -Math.Abs(t));
        return new WelchTTestResult(t, df, Math.Min(1.0, p), difference);
    }
}

/// <summary>Result of <see cref="WelchTTest"/>.</summary>
/// <param name="T">t statistic (positive when the first mean is larger).</param>
/// <param name="DegreesOfFreedom">Welch-Satterthwaite nu (not an integer in general).</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="MeanDifference">mean_a - mean_b.</param>
public sealed record WelchTTestResult(double T, double DegreesOfFreedom, double PValue, double MeanDifference);
