using MathNet.Numerics.Statistics;

namespace Normative.Deviation;

/// <summary>
/// Pearson correlation r = sum (x_i - x̄)(y_i - ȳ) / sqrt(sum (x_i - x̄)^2 sum (y_i - ȳ)^2) with its
/// t-test p-value (nu = n - 2); e.g. D_ml or D_mf against ADAS13 (the mmNormVAE poster's analysis).
/// </summary>
public static class PearsonCorrelation
{
    /// <summary>r and p of paired samples <paramref name="x"/>, <paramref name="y"/> (n &gt;= 3, neither constant).</summary>
    public static CorrelationResult Compute(IReadOnlyList<double> x, IReadOnlyList<double> y) =>
        Compute(x, y, CorrelationMethod.Pearson, partialledCovariates: 0);

    internal static CorrelationResult Compute(IReadOnlyList<double> x, IReadOnlyList<double> y, CorrelationMethod method, int partialledCovariates)
    {
        ArrayInput.RequireFinite(x, nameof(x));
        ArrayInput.RequireFinite(y, nameof(y));
        ArrayInput.RequireSameLength(x, y, nameof(x), nameof(y));
        ArrayInput.RequireCount(x, 3, nameof(x));
        RequireVarying(x, nameof(x));
        RequireVarying(y, nameof(y));
        double r = Correlation.Pearson(x, y);
        return CorrelationResult.FromCoefficient(method, r, x.Count, x.Count - 2 - partialledCovariates);
    }

    private static void RequireVarying(IReadOnlyList<double> values, string name)
    {
        if (values.All(v => v == values[0]))
            throw new ArgumentException($"'{name}' is constant ({values[0]}); its correlation is undefined.", name);
    }
}
