namespace Normative.Deviation;

/// <summary>
/// The first four moments of a set of z-scores, which for calibrated scores are 0, 1, 0, 0: mean, sample sd
/// (ddof = 1), skewness g1 = m3 / m2^(3/2) and excess kurtosis g2 = m4 / m2^2 - 3, with m_k the central moments
/// (ddof = 0) — the moment estimators of <c>scipy.stats.skew</c> and <c>scipy.stats.kurtosis</c> at their defaults
/// (bias = True, Fisher's excess). PCNtoolkit's <c>calibration_descriptives</c> reports the same.
/// </summary>
/// <param name="Count">Number of finite values n.</param>
/// <param name="Mean">Mean (NaN for n = 0).</param>
/// <param name="StandardDeviation">Sample sd, ddof = 1 (NaN for n &lt; 2).</param>
/// <param name="Skewness">g1 (NaN for n &lt; 2 or zero variance).</param>
/// <param name="ExcessKurtosis">g2 (NaN for n &lt; 2 or zero variance).</param>
public sealed record ZScoreMoments(int Count, double Mean, double StandardDeviation, double Skewness, double ExcessKurtosis)
{
    /// <summary>The moments of the finite values of <paramref name="values"/> (NaN marks a value that does not exist, e.g. an unobserved region).</summary>
    public static ZScoreMoments Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        // Two passes (mean first, then central moments): the one-pass sums of powers lose digits when the mean is large.
        double[] x = values.Where(double.IsFinite).ToArray();
        int n = x.Length;
        if (n == 0) return new ZScoreMoments(0, double.NaN, double.NaN, double.NaN, double.NaN);
        double mean = x.Average();
        if (n < 2) return new ZScoreMoments(1, mean, double.NaN, double.NaN, double.NaN);
        double m2 = 0, m3 = 0, m4 = 0;
        foreach (double v in x)
        {
            double d = v - mean, d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        double sd = Math.Sqrt(m2 * n / (n - 1));
        return m2 > 0
            ? new ZScoreMoments(n, mean, sd, m3 / Math.Pow(m2, 1.5), m4 / (m2 * m2) - 3)
            : new ZScoreMoments(n, mean, sd, double.NaN, double.NaN);
    }
}
