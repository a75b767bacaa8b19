namespace Normative.Deviation;

/// <summary>
/// The training-control reference of one trained model: Mahalanobis references for D_ml (latents) and
/// D_mf (regional errors), their calibrated outlier thresholds, and the z-score references for Z_ml and
/// Z_mf, all fitted on the training controls only (design §5). <see cref="Score"/> then scores any group
/// (held-out controls, each patient group) against it. When the inputs carry signed residuals, their
/// training-control sd per region scales every group's residuals into signed regional deviations.
/// </summary>
public sealed class NormativeReference
{
    private NormativeReference(DeviationConventions conventions, MahalanobisReference latent, MahalanobisReference feature,
        OutlierThreshold latentThreshold, OutlierThreshold featureThreshold, ZScoreReference latentZ, ZScoreReference featureZ,
        ZScoreReference? residuals)
    {
        Conventions = conventions;
        Latent = latent;
        Feature = feature;
        LatentThreshold = latentThreshold;
        FeatureThreshold = featureThreshold;
        LatentZ = latentZ;
        FeatureZ = featureZ;
        Residuals = residuals;
    }

    /// <summary>Fits every reference on <paramref name="trainingControls"/> under <paramref name="conventions"/>.</summary>
    /// <exception cref="ArgumentException">The inputs' error kind differs from the conventions'.</exception>
    /// <exception cref="SingularCovarianceException">A covariance is too ill-conditioned for the conventions' inversion mode.</exception>
    public static NormativeReference Fit(DeviationInputs trainingControls, DeviationConventions conventions)
    {
        ArgumentNullException.ThrowIfNull(trainingControls);
        ArgumentNullException.ThrowIfNull(conventions);
        RequireErrorKind(trainingControls, conventions);
        RequireComplete(trainingControls, nameof(trainingControls));
        var latent = LatentMahalanobis.Fit(trainingControls.Latents, conventions.LatentCovariance.CreateEstimator(conventions.Seed), conventions.Inversion);
        var feature = FeatureMahalanobis.Fit(trainingControls.RegionalErrors, conventions.FeatureCovariance.CreateEstimator(conventions.Seed), conventions.Inversion);
        return new NormativeReference(conventions, latent, feature,
            conventions.Outliers.Calibrate(latent, trainingControls.Latents, conventions.Seed),
            conventions.Outliers.Calibrate(feature, trainingControls.RegionalErrors, conventions.Seed),
            ZScoreReference.Fit(trainingControls.Latents, conventions.ZScoreDdof),
            ZScoreReference.Fit(trainingControls.RegionalErrors, conventions.ZScoreDdof),
            trainingControls.Residuals is { } residuals ? ZScoreReference.Fit(residuals, conventions.ZScoreDdof) : null);
    }

    /// <summary>The conventions the reference was fitted under.</summary>
    public DeviationConventions Conventions { get; }

    /// <summary>D_ml reference (estimate, condition number, inversion report).</summary>
    public MahalanobisReference Latent { get; }

    /// <summary>D_mf reference (estimate, condition number, inversion report).</summary>
    public MahalanobisReference Feature { get; }

    /// <summary>Outlier threshold for D_ml^2.</summary>
    public OutlierThreshold LatentThreshold { get; }

    /// <summary>Outlier threshold for D_mf^2.</summary>
    public OutlierThreshold FeatureThreshold { get; }

    /// <summary>Z_ml reference: training-control mean and sd per latent dimension.</summary>
    public ZScoreReference LatentZ { get; }

    /// <summary>Z_mf reference: training-control mean and sd per region.</summary>
    public ZScoreReference FeatureZ { get; }

    /// <summary>
    /// The training controls' residual sd per region (of x - x̂, ddof of the conventions); null when the
    /// training inputs carried no residuals.
    /// </summary>
    public ZScoreReference? Residuals { get; }

    /// <summary>
    /// The same reference with other outlier thresholds, e.g. ones calibrated on out-of-sample distances of a
    /// whole-pipeline cross-fit (<c>Experiments.CrossFitting</c>); distances and z-scores are unchanged.
    /// </summary>
    public NormativeReference WithThresholds(OutlierThreshold latent, OutlierThreshold feature)
    {
        ArgumentNullException.ThrowIfNull(latent);
        ArgumentNullException.ThrowIfNull(feature);
        return new NormativeReference(Conventions, Latent, Feature, latent, feature, LatentZ, FeatureZ, Residuals);
    }

    /// <summary>Scores every subject of <paramref name="group"/>.</summary>
    public DeviationScores Score(DeviationInputs group)
    {
        ArgumentNullException.ThrowIfNull(group);
        RequireErrorKind(group, Conventions);
        RequireComplete(group, nameof(group));
        double[] latent = Latent.SquaredDistances(group.Latents);
        double[] feature = Feature.SquaredDistances(group.RegionalErrors);
        return new DeviationScores
        {
            LatentSquaredDistance = latent,
            FeatureSquaredDistance = feature,
            LatentPValue = latent.Select(LatentThreshold.PValue).ToArray(),
            FeaturePValue = feature.Select(FeatureThreshold.PValue).ToArray(),
            LatentPValueStep = Enumerable.Repeat(LatentThreshold.PValueStep, latent.Length).ToArray(),
            FeaturePValueStep = Enumerable.Repeat(FeatureThreshold.PValueStep, feature.Length).ToArray(),
            LatentOutlier = latent.Select(LatentThreshold.IsOutlier).ToArray(),
            FeatureOutlier = feature.Select(FeatureThreshold.IsOutlier).ToArray(),
            LatentZ = LatentZ.Transform(group.Latents),
            FeatureZ = FeatureZ.Transform(group.RegionalErrors),
            SignedResiduals = Residuals is not null && group.Residuals is { } r ? Residuals.Scale(r) : null,
        };
    }

    private static void RequireComplete(DeviationInputs inputs, string name)
    {
        if (!inputs.IsComplete)
            throw new ArgumentException(
                "Some subjects lack a modality; a single reference scores complete subjects only. Use NormativeReferenceSet, which fits one reference per observed-modality pattern.", name);
    }

    private static void RequireErrorKind(DeviationInputs inputs, DeviationConventions conventions)
    {
        if (inputs.ErrorKind != conventions.ErrorKind)
            throw new ArgumentException(
                $"The regional errors are {inputs.ErrorKind} but the conventions call for {conventions.ErrorKind}; recompute them with RegionalError.Compute.",
                nameof(inputs));
    }
}
