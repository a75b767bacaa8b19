using MathNet.Numerics.LinearAlgebra;

namespace Normative.Deviation;

/// <summary>
/// Per-column least-squares regression of values on covariates, fitted on reference subjects:
/// x_ij = b_0j + sum_k b_kj c_ik + e_ij, B = (C'C)^{-1} C'X with C = [1, c_i]; <see cref="Residuals"/> gives e = x - C B.
/// </summary>
/// <remarks>
/// The no-model baseline's covariate adjustment (issue 21): regional values regressed on the training controls' age and
/// sex, as normative studies adjust raw regional measures before comparing a subject with controls. Solved by QR, which
/// stays accurate when a covariate has a large offset (age in years) next to the intercept.
/// </remarks>
public sealed class CovariateRegression
{
    private readonly Matrix<double> _coefficients; // [1 + k, p]

    private CovariateRegression(Matrix<double> coefficients) => _coefficients = coefficients;

    /// <summary>Fits the regression of <paramref name="values"/> [n, p] on <paramref name="covariates"/> [n, k].</summary>
    /// <exception cref="ArgumentException">Shapes disagree, values are not finite, or n &lt;= k + 1 (no residual degrees of freedom).</exception>
    public static CovariateRegression Fit(double[,] values, double[,] covariates)
    {
        ArrayInput.RequireFinite(values, nameof(values));
        ArrayInput.RequireFinite(covariates, nameof(covariates));
        int n = values.GetLength(0), k = covariates.GetLength(1);
        if (covariates.GetLength(0) != n)
            throw new ArgumentException($"{n} rows of values but {covariates.GetLength(0)} rows of covariates; both need one row per subject.", nameof(covariates));
        if (n <= k + 1) throw new ArgumentException($"A regression on {k} covariates and an intercept needs more than {k + 1} subjects; got {n}.", nameof(values));
        var design = Design(covariates);
        var solution = design.QR().Solve(Matrix<double>.Build.DenseOfArray(values));
        return new CovariateRegression(solution);
    }

    /// <summary>Number of covariates k (without the intercept).</summary>
    public int Covariates => _coefficients.RowCount - 1;

    /// <summary>Coefficient of covariate <paramref name="k"/> (0 = intercept) for column <paramref name="j"/>.</summary>
    public double Coefficient(int k, int j) => _coefficients[k, j];

    /// <summary>e = x - C B for every row of <paramref name="values"/> [n, p] with <paramref name="covariates"/> [n, k].</summary>
    public double[,] Residuals(double[,] values, double[,] covariates)
    {
        ArrayInput.RequireFinite(values, nameof(values));
        ArrayInput.RequireFinite(covariates, nameof(covariates));
        ArrayInput.RequireColumns(values, _coefficients.ColumnCount, nameof(values));
        ArrayInput.RequireColumns(covariates, Covariates, nameof(covariates));
        if (values.GetLength(0) != covariates.GetLength(0))
            throw new ArgumentException($"{values.GetLength(0)} rows of values but {covariates.GetLength(0)} rows of covariates.", nameof(covariates));
        var fitted = Design(covariates) * _coefficients;
        var residuals = new double[values.GetLength(0), values.GetLength(1)];
        for (int i = 0; i < residuals.GetLength(0); i++)
            for (int j = 0; j < residuals.GetLength(1); j++) residuals[i, j] = values[i, j] - fitted[i, j];
        return residuals;
    }

    private static Matrix<double> Design(double[,] covariates)
    {
        int n = covariates.GetLength(0), k = covariates.GetLength(1);
        return Matrix<double>.Build.Dense(n, k + 1, (i, j) => j == 0 ? 1.0 : covariates[i, j - 1]);
    }
}
