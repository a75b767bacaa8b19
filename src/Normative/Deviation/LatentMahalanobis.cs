namespace Normative.Deviation;

/// <summary>
/// Latent deviation D_ml (paper Eq. 12): D_ml^2(j) = (z_j - mu(z_norm))^T Sigma(z_norm)^-1 (z_j - mu(z_norm)),
/// with z_j the subject's latent (the aggregated posterior mean by default, design §5) and mu, Sigma
/// fitted on the training controls' latents.
/// </summary>
/// <remarks>
/// Lawry Aguila et al., "Multi-modal variational autoencoders for normative modelling across
/// multiple imaging modalities", MICCAI 2023; Kumar et al., mmSIVAE (arXiv 2602.08077) §3.4.
/// </remarks>
public static class LatentMahalanobis
{
    /// <summary>The D_ml reference from training-control latents [n, d].</summary>
    public static MahalanobisReference Fit(double[,] trainingControlLatents, ICovarianceEstimator estimator, CovarianceInversion? inversion = null) =>
        MahalanobisReference.Fit(trainingControlLatents, estimator, inversion);
}
