using MathNet.Numerics.LinearAlgebra;

namespace Normative.Deviation;

/// <summary>
/// Per-column least-squares regression of values on covariates with an intercept, fitted on reference
/// subjects: y_j ≈ [1, C] beta_j with beta_j = [1, C]^+ y_j (Moore-Penrose pseudo-inverse by SVD), so
/// collinear covariates (a full one-hot set next to the intercept) are handled: the fitted values are unique
/// even where beta is not. <see cref="Residuals"/> gives y - [1, C] beta, the covariate-adjusted values.
/// </summary>
/// <remarks>
/// Used for the no-model ceiling of the planted-truth validation and the no-model baseline (issue 21): the inputs
/// adjusted for age and sex the way a conditional VAE's decoder could at best adjust them, with no latent structure. G. H. Golub, C. F. Van Loan,
/// "Matrix Computations", 4th ed., §5.5 (rank-deficient least squares).
/// </remarks>
public sealed class CovariateRegression
{
    private readonly Matrix<double> _coefficients;

    private CovariateRegression(Matrix<double> coefficients, int covariates)
    {
        _coefficients = coefficients;
        CovariateCount = covariates;
    }

    /// <summary>Number of covariate columns k (without the intercept).</summary>
    public int CovariateCount { get; }

    /// <summary>Fits every column of <paramref name="values"/> [n, p] on <paramref name="covariates"/> [n, k] plus an intercept.</summary>
    public static CovariateRegression Fit(double[,] covariates, double[,] values)
    {
        ArgumentNullException.ThrowIfNull(covariates);
        ArrayInput.RequireFinite(values, nameof(values));
        if (covariates.GetLength(0) != values.GetLength(0))
            throw new ArgumentException($"'{nameof(covariates)}' has {covariates.GetLength(0)} rows but '{nameof(values)}' has {values.GetLength(0)}.", nameof(covariates));
        var design = Design(covariates);
        // The pseudo-inverse (SVD, singular values below the default tolerance dropped) keeps the fit defined for collinear one-hot columns.
        var coefficients = design.PseudoInverse() * Matrix<double>.Build.DenseOfArray(values);
        return new CovariateRegression(coefficients, covariates.GetLength(1));
    }

    /// <summary>Fitted values [1, C] beta for <paramref name="covariates"/> [m, k].</summary>
    public double[,] Predict(double[,] covariates)
    {
        ArgumentNullException.ThrowIfNull(covariates);
        if (covariates.GetLength(1) != CovariateCount)
            throw new ArgumentException($"'{nameof(covariates)}' has {covariates.GetLength(1)} columns; the regression was fitted on {CovariateCount}.", nameof(covariates));
        return (Design(covariates) * _coefficients).ToArray();
    }

    /// <summary>Covariate-adjusted values y - [1, C] beta of <paramref name="values"/> [m, p] with covariates [m, k].</summary>
    public double[,] Residuals(double[,] covariates, double[,] values)
    {
        ArrayInput.RequireFinite(values, nameof(values));
        var fitted = Predict(covariates);
        if (fitted.GetLength(0) != values.GetLength(0) || fitted.GetLength(1) != values.GetLength(1))
            throw new ArgumentException($"'{nameof(values)}' is [{values.GetLength(0)}, {values.GetLength(1)}]; expected [{fitted.GetLength(0)}, {fitted.GetLength(1)}].", nameof(values));
        var residuals = new double[fitted.GetLength(0), fitted.GetLength(1)];
        for (int i = 0; i < fitted.GetLength(0); i++)
            for (int j = 0; j < fitted.GetLength(1); j++) residuals[i, j] = values[i, j] - fitted[i, j];
        return residuals;
    }

    private static Matrix<double> Design(double[,] covariates) =>
        Matrix<double>.Build.Dense(covariates.GetLength(0), covariates.GetLength(1) + 1, (i, j) => j == 0 ? 1.0 : covariates[i, j - 1]);
}
