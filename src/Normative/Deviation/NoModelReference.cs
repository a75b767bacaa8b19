namespace Normative.Deviation;

/// <summary>
/// The no-model baseline's reference (issue 21): what the data alone give, with the same machinery as a model's D_mf.
/// Fitted on the training controls' regional values x (already ICV-normalised and z-scored like every model input):
/// regress each region on age and sex (<see cref="CovariateRegression"/>), z-score the residuals with the training
/// controls' sd (the conventions' ddof), then the Mahalanobis distance of the residual z-vector with the conventions'
/// feature-space covariance estimator, inversion policy and outlier rule. A subject's regional deviations are its signed
/// residual z-scores (volume below / SUVR above the controls' expectation shows as its sign).
/// </summary>
/// <remarks>
/// A normative model earns its complexity only where its D_ml or D_mf separates patients from controls better than
/// this distance, which needs no training at all. There is no latent space, so no D_ml.
/// </remarks>
public sealed class NoModelReference
{
    private NoModelReference(CovariateRegression regression, ZScoreReference residualZ, MahalanobisReference distance, OutlierThreshold threshold,
        DeviationConventions conventions)
    {
        Regression = regression;
        ResidualZ = residualZ;
        Distance = distance;
        Threshold = threshold;
        Conventions = conventions;
    }

    /// <summary>Fits the reference on the training controls' <paramref name="values"/> [n, R] and <paramref name="covariates"/> [n, k].</summary>
    public static NoModelReference Fit(double[,] values, double[,] covariates, DeviationConventions conventions)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        var regression = CovariateRegression.Fit(covariates, values);
        var residualZ = ZScoreReference.Fit(regression.Residuals(covariates, values), conventions.ZScoreDdof);
        var z = residualZ.Transform(regression.Residuals(covariates, values));
        var distance = MahalanobisReference.Fit(z, conventions.FeatureCovariance.CreateEstimator(conventions.Seed), conventions.Inversion);
        var threshold = conventions.Outliers.Calibrate(distance, z, conventions.Seed);
        return new NoModelReference(regression, residualZ, distance, threshold, conventions);
    }

    public CovariateRegression Regression { get; }

    /// <summary>Mean and sd of the training controls' residuals per region.</summary>
    public ZScoreReference ResidualZ { get; }

    /// <summary>The Mahalanobis reference of the residual z-vectors (estimate, condition number).</summary>
    public MahalanobisReference Distance { get; }

    /// <summary>Outlier threshold for the squared distance.</summary>
    public OutlierThreshold Threshold { get; }

    public DeviationConventions Conventions { get; }

    /// <summary>Scores subjects with regional <paramref name="values"/> [n, R] and <paramref name="covariates"/> [n, k].</summary>
    public NoModelScores Score(double[,] values, double[,] covariates)
    {
        var z = ResidualZ.Transform(Regression.Residuals(covariates, values));
        double[] squared = Distance.SquaredDistances(z);
        return new NoModelScores(squared, squared.Select(Threshold.PValue).ToArray(), squared.Select(Threshold.IsOutlier).ToArray(), z);
    }
}

/// <summary>Per-subject scores of the no-model baseline, in the input's row order.</summary>
/// <param name="SquaredDistance">D^2 of the residual z-vector (the baseline's counterpart of D_mf^2).</param>
/// <param name="PValue">p-value of D^2 under the threshold's reference distribution.</param>
/// <param name="Outlier">Outlier flag.</param>
/// <param name="RegionalZ">[n, R] signed residual z-scores: the baseline's regional deviations.</param>
public sealed record NoModelScores(IReadOnlyList<double> SquaredDistance, IReadOnlyList<double> PValue, IReadOnlyList<bool> Outlier, double[,] RegionalZ)
{
    public int Count => SquaredDistance.Count;
}
