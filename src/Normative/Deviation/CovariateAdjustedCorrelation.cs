using MathNet.Numerics.LinearAlgebra;

namespace Normative.Deviation;

/// <summary>
/// Correlation after regressing covariates C (e.g. age and sex) out by least squares:
/// e_y = y - H y with H = C1 (C1^T C1)^+ C1^T the projection onto [1, C], then r(x, e_y)
/// (<see cref="CovariateAdjustment.OutcomeOnly"/>, the authors' option) or r(e_x, e_y), the
/// partial correlation (<see cref="CovariateAdjustment.Both"/>), by Pearson or Spearman on the residuals.
/// </summary>
/// <remarks>
/// The projection comes from an SVD of the design matrix, so collinear covariates (e.g. both one-hot
/// sex columns next to the intercept) are handled: k counts the covariate directions actually spanned.
/// </remarks>
public static class CovariateAdjustedCorrelation
{
    /// <param name="x">Deviation score per subject (e.g. D_ml).</param>
    /// <param name="y">Outcome per subject (e.g. ADAS13).</param>
    /// <param name="covariates">[n, k] covariates, one row per subject (an intercept is added).</param>
    /// <param name="method">Pearson or Spearman on the residuals.</param>
    /// <param name="adjustment">Residualise the outcome only (authors) or both variables (partial correlation).</param>
    public static CorrelationResult Compute(IReadOnlyList<double> x, IReadOnlyList<double> y, double[,] covariates,
        CorrelationMethod method = CorrelationMethod.Pearson, CovariateAdjustment adjustment = CovariateAdjustment.OutcomeOnly)
    {
        ArrayInput.RequireFinite(x, nameof(x));
        ArrayInput.RequireFinite(y, nameof(y));
        ArrayInput.RequireSameLength(x, y, nameof(x), nameof(y));
        ArrayInput.RequireFinite(covariates, nameof(covariates));
        if (covariates.GetLength(0) != x.Count)
            throw new ArgumentException($"'{nameof(covariates)}' has {covariates.GetLength(0)} rows but there are {x.Count} subjects.", nameof(covariates));

        var (basis, covariateRank) = ColumnSpaceWithIntercept(covariates);
        double[] residualY = Residual(basis, y);
        var (first, partialled) = adjustment switch
        {
            CovariateAdjustment.OutcomeOnly => (x.ToArray(), 0),
            CovariateAdjustment.Both => (Residual(basis, x), covariateRank),
            _ => throw new ArgumentOutOfRangeException(nameof(adjustment), adjustment, "Unknown covariate adjustment."),
        };
        return method switch
        {
            CorrelationMethod.Pearson => PearsonCorrelation.Compute(first, residualY, CorrelationMethod.Pearson, partialled),
            CorrelationMethod.Spearman => SpearmanCorrelation.Compute(first, residualY, partialled),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown correlation method."),
        };
    }

    /// <summary>Orthonormal basis U_r of the span of [1, C] and the number of directions beyond the intercept.</summary>
    private static (Matrix<double> Basis, int CovariateRank) ColumnSpaceWithIntercept(double[,] covariates)
    {
        int n = covariates.GetLength(0), k = covariates.GetLength(1);
        var design = Matrix<double>.Build.Dense(n, k + 1, (i, j) => j == 0 ? 1.0 : covariates[i, j - 1]);
        var svd = design.Svd(computeVectors: true);
        double[] s = svd.S.ToArray();
        double tolerance = Math.Max(n, k + 1) * 2.220446049250313e-16 * s.Max();
        int rank = s.Count(v => v > tolerance);
        if (rank >= n)
            throw new ArgumentException($"The {k} covariates plus an intercept span all {n} subjects; nothing is left to correlate.", nameof(covariates));
        return (svd.U.SubMatrix(0, n, 0, rank), rank - 1);
    }

    private static double[] Residual(Matrix<double> basis, IReadOnlyList<double> values)
    {
        var v = Vector<double>.Build.DenseOfEnumerable(values);
        return (v - basis * (basis.TransposeThisAndMultiply(v))).ToArray();
    }
}
