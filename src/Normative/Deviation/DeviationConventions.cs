namespace Normative.Deviation;

/// <summary>
/// Every choice that changes a deviation number, in one record: covariance estimators for D_ml and
/// D_mf, the regional error kind, the outlier rule (threshold kind, chi-square df rule, alpha), the
/// covariance inversion policy, the z-score ddof and the seed of the robust estimator.
/// </summary>
/// <remarks>
/// Two presets (design §5). <see cref="Paper"/> reproduces the authors' released code so numbers are
/// comparable with the published ones. <see cref="Default"/> is the textbook reading with the
/// estimator most likely to keep the held-out-control false-positive rate near nominal; see its remarks.
/// </remarks>
public sealed record DeviationConventions
{
    /// <summary>Estimator of the training-control latents' location and covariance (D_ml).</summary>
    public CovarianceEstimatorKind LatentCovariance { get; init; } = CovarianceEstimatorKind.LedoitWolf;

    /// <summary>Estimator of the training-control regional errors' location and covariance (D_mf).</summary>
    public CovarianceEstimatorKind FeatureCovariance { get; init; } = CovarianceEstimatorKind.LedoitWolf;

    /// <summary>Per-region error: squared (paper text) or absolute (authors' code).</summary>
    public RegionalErrorKind ErrorKind { get; init; } = RegionalErrorKind.Squared;

    /// <summary>How outliers are called from squared distances (kind, df rule, alpha).</summary>
    public OutlierRule Outliers { get; init; } = OutlierRule.Textbook;

    /// <summary>What to do with an ill-conditioned covariance.</summary>
    public CovarianceInversion Inversion { get; init; } = CovarianceInversion.Strict;

    /// <summary>Delta degrees of freedom of the Z_ml / Z_mf standard deviations (0 = <c>np.std</c>, 1 = unbiased).</summary>
    public int ZScoreDdof { get; init; } = 1;

    /// <summary>Seed of the robust estimator's random starts (the authors use <c>random_state=42</c>).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>
    /// Textbook conventions: squared regional error (paper §3.4), chi-square with df = p at
    /// alpha = 0.001 (§4.3), unbiased z-score sd, strict inversion, and Ledoit-Wolf covariance for both distances.
    /// </summary>
    /// <remarks>
    /// Why Ledoit-Wolf: D_mf has p = 180 error features and only n ≈ 248 training controls. For a new
    /// Gaussian vector scored against the sample mean and covariance, E[D^2] = p (n + 1)(n - 1) / (n (n - p - 2))
    /// ≈ 676 instead of p = 180 (Hotelling's T^2 prediction distribution), so the chi-square(180) 0.999
    /// quantile (≈ 240) flags nearly every held-out control; MCD, fitted on h ≈ 215 of the 248 vectors,
    /// is worse still. Shrinkage lifts the small eigenvalues that cause the inflation and keeps the matrix
    /// well conditioned, so <see cref="InversionMode.Strict"/> never has to refuse it. For the 5-20
    /// latent dimensions of D_ml the shrinkage is small and the estimate close to the sample covariance.
    /// <see cref="ThresholdKind.HotellingPrediction"/> with <see cref="CovarianceEstimatorKind.Sample"/>
    /// is the exact alternative for Gaussian vectors; which calibrates best on real error vectors
    /// (skewed, not Gaussian) is an empirical question for the held-out controls.
    /// </remarks>
    public static DeviationConventions Default { get; } = new();

    /// <summary>
    /// The authors' released code (domain-notes §0 item 1): scikit-learn MinCovDet (seed 42) for both
    /// distances with its pseudo-inverse, chi-square with df = p - 1 at alpha = 0.001, absolute regional
    /// error, and <c>np.std</c> (ddof = 0) for z-scores.
    /// </summary>
    /// <remarks>
    /// The authors' box plots and cognition analyses use classical (sample-covariance) distances instead;
    /// for those use <c>Paper with { LatentCovariance = Sample, FeatureCovariance = Sample }</c>.
    /// </remarks>
    public static DeviationConventions Paper { get; } = new()
    {
        LatentCovariance = CovarianceEstimatorKind.MinimumCovarianceDeterminant,
        FeatureCovariance = CovarianceEstimatorKind.MinimumCovarianceDeterminant,
        ErrorKind = RegionalErrorKind.Absolute,
        Outliers = OutlierRule.AuthorsCode,
        Inversion = CovarianceInversion.PseudoInverse,
        ZScoreDdof = 0,
    };
}
