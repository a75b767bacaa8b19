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
    /// ≈ 660 instead of p = 180 (Hotelling's T^2 prediction distribution); MCD, fitted on h ≈ 215 of the
    /// 248 vectors, inflates further. Shrinkage lifts the small eigenvalues behind the inflation and keeps
    /// the matrix well conditioned (kappa ≈ 400 against ≈ 2600 sample, ≈ 11000 MCD), so
    /// <see cref="InversionMode.Strict"/> never has to refuse it; for the 5-20 latent dimensions of D_ml
    /// the estimate stays close to the sample covariance.
    /// Measured on simulated controls (n = 248, 2000 new controls, 5-factor correlated Gaussian; chi-square
    /// threshold, alpha = 0.001): p = 180, false-positive rate 1.00 sample, 0.97 Ledoit-Wolf, 1.00 MCD;
    /// p = 15: 0.004, 0.003, 0.006. So at D_mf's dimension no estimator rescues the chi-square reference;
    /// <see cref="Calibrated"/> does (0.0005 on the same data).
    /// </remarks>
    public static DeviationConventions Default { get; } = new();

    /// <summary>
    /// <see cref="Default"/> with the cross-fitted empirical threshold (<see cref="ThresholdKind.CrossFittedQuantile"/>,
    /// 10 folds): each training control is scored by a reference fitted without it, and the threshold is the
    /// (1 - alpha) quantile of those out-of-sample distances — no chi-square assumption.
    /// </summary>
    /// <remarks>
    /// Measured on the simulation of <see cref="Default"/>'s remarks, held-out false-positive rate at
    /// alpha = 0.001: p = 180 Gaussian 0.0005, p = 180 squared Gaussian (skewed, like squared errors) 0.0025,
    /// p = 15 skewed 0.009 — against 0.97, 0.23 and 0.076 for the chi-square threshold. With n = 248 the
    /// 0.999 quantile sits between the two largest training distances, so the rate cannot be pinned
    /// below about 1/(n + 1).
    /// </remarks>
    public static DeviationConventions Calibrated { get; } = new()
    {
        Outliers = new OutlierRule(ThresholdKind.CrossFittedQuantile),
    };

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
