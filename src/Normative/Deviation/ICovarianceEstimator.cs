namespace Normative.Deviation;

/// <summary>
/// Fits a location and covariance to reference vectors (rows = subjects, columns = dimensions).
/// One signature for every estimator so a Mahalanobis reference can take any of them.
/// </summary>
public interface ICovarianceEstimator
{
    /// <summary>Which estimator this is (recorded in every estimate it returns).</summary>
    CovarianceEstimatorKind Kind { get; }

    /// <summary>Fits the estimator to <paramref name="data"/> [n, p]; every value must be finite. Must be safe to call from
    /// several threads at once with the same result (cross-fitting refits its folds in parallel): any randomness comes
    /// from a generator seeded inside the call.</summary>
    CovarianceEstimate Fit(double[,] data);
}
