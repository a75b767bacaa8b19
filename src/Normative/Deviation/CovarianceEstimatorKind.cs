namespace Normative.Deviation;

/// <summary>Which estimator of the training controls' location and covariance a Mahalanobis reference uses.</summary>
public enum CovarianceEstimatorKind
{
    /// <summary>Sample mean and unbiased sample covariance (divisor n - 1), what <c>np.cov</c> gives.</summary>
    Sample,

    /// <summary>Sample mean and Ledoit-Wolf shrinkage of the covariance towards a scaled identity.</summary>
    LedoitWolf,

    /// <summary>Robust Minimum Covariance Determinant (FastMCD), reweighted; what scikit-learn's <c>MinCovDet</c> gives.</summary>
    MinimumCovarianceDeterminant,
}

/// <summary>Creates the estimator an enum value names.</summary>
public static class CovarianceEstimatorKindExtensions
{
    /// <summary>The estimator for <paramref name="kind"/>; <paramref name="seed"/> drives FastMCD's random starts and is unused otherwise.</summary>
    public static ICovarianceEstimator CreateEstimator(this CovarianceEstimatorKind kind, int seed) => kind switch
    {
        CovarianceEstimatorKind.Sample => new SampleCovariance(),
        CovarianceEstimatorKind.LedoitWolf => new LedoitWolfCovariance(),
        CovarianceEstimatorKind.MinimumCovarianceDeterminant => new MinimumCovarianceDeterminant(new McdOptions { Seed = seed }),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown covariance estimator."),
    };
}
