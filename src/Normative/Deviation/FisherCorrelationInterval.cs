using MathNet.Numerics.Distributions;

namespace Normative.Deviation;

/// <summary>
/// Confidence interval of a Pearson correlation by Fisher's z transformation (Fisher 1921, Metron 1:3-32):
/// z = atanh(r) is approximately normal with SE 1 / sqrt(n - 3), so the interval is
/// tanh(atanh(r) ± z_(1 - (1 - level)/2) / sqrt(n - 3)).
/// </summary>
public static class FisherCorrelationInterval
{
    /// <summary>The interval of <paramref name="r"/> from <paramref name="n"/> pairs.</summary>
    /// <param name="r">Sample correlation. Range: -1 &lt;= r &lt;= 1.</param>
    /// <param name="n">Number of pairs. Range: n &gt; 3.</param>
    /// <param name="level">Coverage. Range: 0 &lt; level &lt; 1.</param>
    public static (double Lower, double Upper) Compute(double r, int n, double level = 0.95)
    {
        if (!(r is >= -1 and <= 1)) throw new ArgumentOutOfRangeException(nameof(r), r, "A correlation lies in [-1, 1].");
        if (n <= 3) throw new ArgumentOutOfRangeException(nameof(n), n, "Fisher's interval needs more than 3 pairs (SE 1 / sqrt(n - 3)).");
        if (!(level is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "The level lies in (0, 1).");
        // |r| = 1 maps to an infinite z; the interval is then the point itself, which tanh of ±infinity gives.
        double z = Math.Atanh(r);
        double half = Normal.InvCDF(0, 1, 1 - (1 - level) / 2) / Math.Sqrt(n - 3);
        return (Math.Tanh(z - half), Math.Tanh(z + half));
    }
}
