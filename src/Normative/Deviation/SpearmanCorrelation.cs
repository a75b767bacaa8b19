using MathNet.Numerics.Statistics;

namespace Normative.Deviation;

/// <summary>
/// Spearman's rank correlation rho = Pearson r of the ranks of x and of y, tied values sharing their
/// average rank, with the t-approximation p-value (nu = n - 2, as scipy's <c>spearmanr</c>).
/// </summary>
public static class SpearmanCorrelation
{
    /// <summary>rho and p of paired samples <paramref name="x"/>, <paramref name="y"/> (n &gt;= 3, neither constant).</summary>
    public static CorrelationResult Compute(IReadOnlyList<double> x, IReadOnlyList<double> y) =>
        Compute(x, y, partialledCovariates: 0);

    internal static CorrelationResult Compute(IReadOnlyList<double> x, IReadOnlyList<double> y, int partialledCovariates)
    {
        ArrayInput.RequireFinite(x, nameof(x));
        ArrayInput.RequireFinite(y, nameof(y));
        return PearsonCorrelation.Compute(AverageRanks(x), AverageRanks(y), CorrelationMethod.Spearman, partialledCovariates);
    }

    /// <summary>Ranks 1..n, ties given the mean of the ranks they span.</summary>
    internal static double[] AverageRanks(IReadOnlyList<double> values) => values.Ranks(RankDefinition.Average);
}
