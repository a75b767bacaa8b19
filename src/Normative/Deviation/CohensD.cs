namespace Normative.Deviation;

/// <summary>
/// Cohen's d effect size with the pooled standard deviation:
/// d = (mean_a - mean_b) / s_p, s_p = sqrt(((n_a - 1) s_a^2 + (n_b - 1) s_b^2) / (n_a + n_b - 2)),
/// s^2 the unbiased variances (ddof = 1, as in the authors' code). Paper §4.4, Fig. 5B.
/// </summary>
/// <remarks>
/// Sign: positive when the first sample's mean is larger. The paper reports group-vs-control
/// differences as "higher = more abnormal"; pass the groups in the order that gives that reading.
/// J. Cohen, Statistical Power Analysis for the Behavioral Sciences, 2nd ed., 1988, §2.2.
/// </remarks>
public static class CohensD
{
    /// <summary>d of <paramref name="first"/> against <paramref name="second"/> (each with at least 2 values).</summary>
    public static double Compute(IReadOnlyList<double> first, IReadOnlyList<double> second)
    {
        var (a, b) = TwoSamples.Validate(first, second);
        double pooledVariance = ((a.Count - 1) * a.Variance + (b.Count - 1) * b.Variance) / (a.Count + b.Count - 2);
        if (!(pooledVariance > 0))
            throw new ArgumentException("Both samples are constant; Cohen's d is undefined.", nameof(second));
        return (a.Mean - b.Mean) / Math.Sqrt(pooledVariance);
    }
}
