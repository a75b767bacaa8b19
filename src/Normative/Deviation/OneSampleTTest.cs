using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Normative.Deviation;

/// <summary>
/// Student's one-sample t-test of H0: mean = 0: t = mean / (s / sqrt(n)), nu = n - 1, two-sided
/// p = 2 P(T_nu &gt;= |t|). A sample whose values are all 0 has t = 0 and p = 1 (no evidence of any effect);
/// any other constant sample is refused (its t is infinite).
/// </summary>
/// <remarks>
/// Tests whether the mean per-patient decoded effect of a region differs from 0 (the corrected
/// latent-to-region mapping). "Student", "The probable error of a mean", Biometrika 6 (1908) 1-25.
/// </remarks>
public static class OneSampleTTest
{
    /// <summary>Tests mean 0 for <paramref name="values"/> (at least 2, finite).</summary>
    public static OneSampleTTestResult Compute(IReadOnlyList<double> values)
    {
        ArrayInput.RequireFinite(values, nameof(values));
        ArrayInput.RequireCount(values, 2, nameof(values));
        var stats = new DescriptiveStatistics(values);
        int df = values.Count - 1;
        double standardError = stats.StandardDeviation / Math.Sqrt(values.Count);
        if (!(standardError > 0))
        {
            if (stats.Mean == 0) return new OneSampleTTestResult(0, df, 1, 0);
            throw new ArgumentException($"Every value is {stats.Mean}; the one-sample t statistic is infinite.", nameof(values));
        }
        double t = stats.Mean / standardError;
        double p = 2 * StudentT.CDF(0, 1, df, -Math.Abs(t));
        return new OneSampleTTestResult(t, df, Math.Min(1.0, p), stats.Mean);
    }
}

/// <summary>Result of <see cref="OneSampleTTest"/>.</summary>
/// <param name="T">t statistic (positive when the mean is above 0).</param>
/// <param name="DegreesOfFreedom">n - 1.</param>
/// <param name="PValue">Two-sided p-value.</param>
/// <param name="Mean">The sample mean.</param>
public sealed record OneSampleTTestResult(double T, int DegreesOfFreedom, double PValue, double Mean);
