using MathNet.Numerics.LinearAlgebra;

namespace Normative.Deviation;

/// <summary>
/// Ledoit-Wolf shrinkage: S* = rho mu I + (1 - rho) S, with S the maximum-likelihood covariance
/// (divisor n) of the centred rows x_k, mu = tr(S)/p, and the closed-form intensity
/// rho = min(b_bar^2, d^2) / d^2, where d^2 = ||S - mu I||^2 and
/// b_bar^2 = (1/n^2) sum_k ||x_k x_k^T - S||^2 (||A||^2 = tr(A A^T)/p; Ledoit &amp; Wolf 2004, Lemmas 3.2-3.4).
/// </summary>
/// <remarks>
/// Shrinkage keeps the estimate well conditioned when p is close to n, as for D_mf's 180 error
/// features fitted on 248 controls, where the sample covariance's smallest eigenvalues are far too
/// small and its inverse inflates the distances of new subjects.
/// Reference: O. Ledoit, M. Wolf, "A well-conditioned estimator for large-dimensional covariance
/// matrices", Journal of Multivariate Analysis 88 (2004) 365-411.
/// </remarks>
public sealed class LedoitWolfCovariance : ICovarianceEstimator
{
    /// <inheritdoc/>
    public CovarianceEstimatorKind Kind => CovarianceEstimatorKind.LedoitWolf;

    /// <inheritdoc/>
    public CovarianceEstimate Fit(double[,] data)
    {
        var x = ArrayInput.ReferenceMatrix(data, 2, "Ledoit-Wolf shrinkage", nameof(data));
        int n = x.RowCount, p = x.ColumnCount;
        var (mean, sample) = SampleCovariance.Moments(x, ddof: 0);
        Matrix<double> centered = SampleCovariance.Center(x, mean);

        double mu = sample.Trace() / p;
        double sampleNormSquared = sample.FrobeniusNorm() * sample.FrobeniusNorm();
        // ||S - mu I||_F^2 = ||S||_F^2 - p mu^2 (unnormalised; the 1/p cancels in rho).
        double dispersion = sampleNormSquared - p * mu * mu;
        // sum_k ||x_k x_k^T - S||_F^2 = sum_k ||x_k||^4 - n ||S||_F^2, because sum_k x_k x_k^T = n S.
        double fourthMoments = 0;
        for (int k = 0; k < n; k++)
        {
            double squaredNorm = centered.Row(k).DotProduct(centered.Row(k));
            fourthMoments += squaredNorm * squaredNorm;
        }
        double bBar = Math.Max(0.0, (fourthMoments - n * sampleNormSquared) / ((double)n * n)); // >= 0 in exact arithmetic
        // S already proportional to I (d^2 = 0): nothing to shrink.
        double rho = dispersion > 0 ? Math.Min(bBar, dispersion) / dispersion : 0.0;

        Matrix<double> shrunk = sample * (1 - rho) + Matrix<double>.Build.DenseIdentity(p) * (rho * mu);
        return new CovarianceEstimate(Kind, mean, shrunk, n) { ShrinkageIntensity = rho };
    }
}
