namespace Normative.Deviation;

/// <summary>
/// Per-subject deviations of one group against a <see cref="NormativeReference"/>, in the input's
/// row order: squared D_ml and D_mf (the paper's Eqs. 12-13 are their square roots), their p-values
/// and outlier flags under the reference's thresholds, and Z_ml [n, d] and Z_mf [n, R] (Eq. 14).
/// </summary>
public sealed record DeviationScores
{
    /// <summary>D_ml^2 per subject.</summary>
    public required IReadOnlyList<double> LatentSquaredDistance { get; init; }

    /// <summary>D_mf^2 per subject.</summary>
    public required IReadOnlyList<double> FeatureSquaredDistance { get; init; }

    /// <summary>p-value of D_ml^2 under the latent threshold's reference distribution.</summary>
    public required IReadOnlyList<double> LatentPValue { get; init; }

    /// <summary>p-value of D_mf^2 under the feature threshold's reference distribution.</summary>
    public required IReadOnlyList<double> FeaturePValue { get; init; }

    /// <summary>
    /// Per subject the grid step of its D_ml p-value (<see cref="OutlierThreshold.PValueStep"/>: 1 / (n + 1) for an
    /// empirical threshold of n reference distances, 0 for a continuous one); null when not recorded.
    /// </summary>
    public IReadOnlyList<double>? LatentPValueStep { get; init; }

    /// <summary>The same for the D_mf p-value.</summary>
    public IReadOnlyList<double>? FeaturePValueStep { get; init; }

    /// <summary>Latent outlier flag per subject.</summary>
    public required IReadOnlyList<bool> LatentOutlier { get; init; }

    /// <summary>Feature-space outlier flag per subject.</summary>
    public required IReadOnlyList<bool> FeatureOutlier { get; init; }

    /// <summary>Z_ml [n, d]: latent z-scores against training controls.</summary>
    public required double[,] LatentZ { get; init; }

    /// <summary>Z_mf [n, R]: regional-error z-scores against training controls (NaN for a region of a modality the subject lacks).</summary>
    public required double[,] FeatureZ { get; init; }

    /// <summary>
    /// Signed regional deviations [n, R]: the residual (x - x̂) / sd_j with sd_j the training controls' residual
    /// sd of region j; negative = below the model's prediction. Disease should push MRI tissue volumes below
    /// and amyloid SUVR above the prediction (<see cref="Data.DiseaseDirections"/>).
    /// Null when the inputs carried no residuals.
    /// </summary>
    public double[,]? SignedResiduals { get; init; }

    /// <summary>
    /// Per subject the modalities it was scored with (a <see cref="ModalityPattern.Key"/> such as <c>mri+amyloid</c>
    /// or <c>mri</c>); null when scored by a single complete-data <see cref="NormativeReference"/>.
    /// </summary>
    public IReadOnlyList<string>? ObservedModalities { get; init; }

    /// <summary>Number of subjects n.</summary>
    public int Count => LatentSquaredDistance.Count;
}
