namespace Normative.Ranking;

/// <summary>A ratio of two proportions (e.g. LR+ = TPR / FPR) with its confidence interval.</summary>
/// <param name="Estimate">p1 / p2; +infinity when p2 = 0 &lt; p1, 0 when p1 = 0.</param>
/// <param name="Lower">Lower bound (0 when p1 = 0).</param>
/// <param name="Upper">Upper bound; +infinity when p2's Wilson lower bound is 0 (no control flagged).</param>
/// <param name="Level">Coverage.</param>
/// <param name="Method">"mover-wilson".</param>
public sealed record RatioInterval(double Estimate, double Lower, double Upper, double Level, string Method);

/// <summary>
/// The MOVER-R Wilson interval of a ratio of two independent proportions theta = p1 / p2 (Donner &amp; Zou 2012,
/// Statistical Methods in Medical Research 21, 347-359, Eq. 6; recommended for the ratio of proportions by
/// Fagerland, Lydersen &amp; Laake 2015, Statistical Methods in Medical Research 24, 224-254): with Wilson limits
/// (l_i, u_i) of each p_i,
/// L = (p1 p2 - sqrt((p1 p2)^2 - l1 u2 (2 p1 - l1)(2 p2 - u2))) / (u2 (2 p2 - u2)),
/// U = (p1 p2 + sqrt((p1 p2)^2 - u1 l2 (2 p1 - u1)(2 p2 - l2))) / (l2 (2 p2 - l2)).
/// </summary>
/// <remarks>
/// Used for LR+ = TPR / FPR. It is closed form (the Koopman score interval needs a root search and agrees closely,
/// Fagerland et al. 2015) and needs no bootstrap, which resamples no control uncertainty when no control is flagged.
/// When no control is flagged (p2 = 0) the interval is [L, +infinity): the lower bound still says how large the
/// ratio must at least be. When p1 = 0 it is [0, U].
/// </remarks>
public static class RatioOfProportions
{
    /// <summary>The interval of (<paramref name="k1"/>/<paramref name="n1"/>) / (<paramref name="k2"/>/<paramref name="n2"/>).</summary>
    /// <param name="k1">Numerator count (e.g. flagged patients).</param>
    /// <param name="n1">Numerator trials. Range: &gt;= 1.</param>
    /// <param name="k2">Denominator count (e.g. flagged controls).</param>
    /// <param name="n2">Denominator trials. Range: &gt;= 1.</param>
    /// <param name="level">Coverage. Range: (0, 1).</param>
    public static RatioInterval MoverWilson(int k1, int n1, int k2, int n2, double level = 0.95)
    {
        var w1 = WilsonInterval.Interval(k1, n1, level);
        var w2 = WilsonInterval.Interval(k2, n2, level);
        double p1 = w1.Estimate, p2 = w2.Estimate, l1 = w1.Lower, u1 = w1.Upper, l2 = w2.Lower, u2 = w2.Upper;
        double estimate = p1 == 0 ? 0 : p2 == 0 ? double.PositiveInfinity : p1 / p2;
        double product = p1 * p2;
        // Max(0, .) guards a discriminant that rounding pushes a hair below zero at the boundaries.
        double lower = p1 == 0 ? 0
            : (product - Math.Sqrt(Math.Max(0, product * product - l1 * u2 * (2 * p1 - l1) * (2 * p2 - u2)))) / (u2 * (2 * p2 - u2));
        double upperDenominator = l2 * (2 * p2 - l2);
        double upper = upperDenominator <= 0 ? double.PositiveInfinity
            : (product + Math.Sqrt(Math.Max(0, product * product - u1 * l2 * (2 * p1 - u1) * (2 * p2 - l2)))) / upperDenominator;
        return new RatioInterval(estimate, Math.Max(0, lower), upper, level, "mover-wilson");
    }
}
