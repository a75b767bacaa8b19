using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;

namespace Normative.Deviation;

/// <summary>
/// Percentile bootstrap interval of the column means of [n, R] values: B times, draw n rows with
/// replacement (the same rows for every column, so the columns' dependence is kept) and take each column's
/// mean; the interval is the ((1 - level) / 2, (1 + level) / 2) quantiles of those B means.
/// </summary>
/// <remarks>
/// B. Efron, R. Tibshirani, "An Introduction to the Bootstrap", Chapman &amp; Hall 1993, ch. 13. Quantiles by
/// R's default type 7 (MathNet <c>Quantile</c>). Seeded Mersenne Twister: the same seed gives the same interval.
/// </remarks>
public static class BootstrapMeanInterval
{
    /// <summary>Lower and upper bound of every column's mean.</summary>
    /// <param name="values">[n, R], rows = resampled units (subjects). Range: n &gt;= 2, finite.</param>
    /// <param name="seed">Seed of the resampling.</param>
    /// <param name="replicates">B. Range: &gt;= 100.</param>
    /// <param name="level">Coverage. Range: (0, 1).</param>
    public static (double[] Lower, double[] Upper) Compute(double[,] values, int seed, int replicates = 2000, double level = 0.95)
    {
        ArrayInput.RequireFinite(values, nameof(values));
        if (replicates < 100) throw new ArgumentOutOfRangeException(nameof(replicates), replicates, "A percentile interval needs at least 100 replicates.");
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "level must lie in (0, 1).");
        int n = values.GetLength(0), r = values.GetLength(1);
        if (n < 2) throw new ArgumentException($"'{nameof(values)}' has {n} row(s); resampling needs at least 2.", nameof(values));

        var random = new MersenneTwister(seed);
        var means = new double[r][];
        for (int j = 0; j < r; j++) means[j] = new double[replicates];
        var sums = new double[r];
        for (int b = 0; b < replicates; b++)
        {
            Array.Clear(sums);
            for (int k = 0; k < n; k++)
            {
                int row = random.Next(n);
                for (int j = 0; j < r; j++) sums[j] += values[row, j];
            }
            for (int j = 0; j < r; j++) means[j][b] = sums[j] / n;
        }
        double lowerTau = (1 - level) / 2, upperTau = (1 + level) / 2;
        return (means.Select(m => m.Quantile(lowerTau)).ToArray(), means.Select(m => m.Quantile(upperTau)).ToArray());
    }
}
