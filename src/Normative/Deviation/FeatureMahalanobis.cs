namespace Normative.Deviation;

/// <summary>
/// Feature-space deviation D_mf (paper Eq. 13): D_mf^2(j) = (d_j - mu(d_norm))^T Sigma(d_norm)^-1 (d_j - mu(d_norm)),
/// with d_j the subject's per-region reconstruction errors over all modalities together (90 MRI + 90
/// amyloid = 180 features; <see cref="RegionalError"/>) and mu, Sigma fitted on the training controls' errors.
/// </summary>
/// <remarks>
/// With 180 features and about 250 controls the sample covariance is near-singular, so the estimator
/// matters most here: the report's condition number is the first thing to look at (domain-notes §0 item 3).
/// </remarks>
public static class FeatureMahalanobis
{
    /// <summary>The D_mf reference from training-control regional errors [n, R] (all modalities concatenated).</summary>
    public static MahalanobisReference Fit(double[,] trainingControlErrors, ICovarianceEstimator estimator, CovarianceInversion? inversion = null) =>
        MahalanobisReference.Fit(trainingControlErrors, estimator, inversion);
}
