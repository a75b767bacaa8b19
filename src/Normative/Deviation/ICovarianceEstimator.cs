namespace Normative.Deviation;

/// <summary>
/// Fits a location and covariance to reference vectors (rows = subjects, columns = dimensions).
/// One signature for every estimator so a Mahalanobis reference can take any of them.
/// </summary>
public interface ICovarianceEstimator
{
    /// <summary>Which estimator this is (recorded in every estimate it returns).</summary>
    CovarianceEstimatorKind Kind { get; }

    /// <summary>Fits the estimator to <paramref name="data"/> [n, p]; every value must be finite.</summary>
    CovarianceEstimate Fit(double[,] data);
}
