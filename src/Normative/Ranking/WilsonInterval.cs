using MathNet.Numerics.Distributions;

namespace Normative.Ranking;

/// <summary>
/// The Wilson score interval of a binomial proportion p = k / n:
/// (p + z^2/(2n) ± z sqrt(p(1 - p)/n + z^2/(4n^2))) / (1 + z^2/n), z the (1 + level)/2 normal quantile.
/// </summary>
/// <remarks>
/// Wilson (1927), JASA 22, 209-212; method 3 of Newcombe (1998), Statistics in Medicine 17, 857-872. It is the
/// building block of the likelihood-ratio interval (<see cref="RatioOfProportions"/>) because it stays inside
/// [0, 1] and behaves at k = 0, where the Wald interval collapses to a point.
/// </remarks>
public static class WilsonInterval
{
    /// <summary>The interval of <paramref name="successes"/> out of <paramref name="trials"/>.</summary>
    /// <param name="successes">k. Range: 0 &lt;= k &lt;= n.</param>
    /// <param name="trials">n. Range: n &gt;= 1.</param>
    /// <param name="level">Coverage. Range: (0, 1).</param>
    public static ProportionInterval Interval(int successes, int trials, double level = 0.95)
    {
        ProportionInterval.Require(successes, trials, level);
        double z = Normal.InvCDF(0, 1, (1 + level) / 2);
        double n = trials, p = successes / n, z2 = z * z;
        double centre = p + z2 / (2 * n);
        double half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        double denominator = 1 + z2 / n;
        // At k = 0 (k = n) the lower (upper) bound is exactly 0 (1); the formula gives it up to rounding.
        double lower = successes == 0 ? 0 : (centre - half) / denominator;
        double upper = successes == trials ? 1 : (centre + half) / denominator;
        return new ProportionInterval(successes, trials, lower, upper, level, "wilson");
    }
}
