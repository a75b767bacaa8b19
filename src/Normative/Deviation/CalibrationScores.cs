namespace Normative.Deviation;

/// <summary>
/// What a calibration check (<see cref="ControlCalibration"/>) reads of one set of scores, whatever produced them: the
/// subject-level p-values of the distances and the z-score families, each null where the scoring has no such measure.
/// Why: a model's <see cref="DeviationScores"/> carry every measure, the no-model baseline's <see cref="NoModelScores"/>
/// only a feature-space distance and signed residuals, and both must be checked by the same code.
/// </summary>
public sealed record CalibrationScores
{
    /// <summary>Number of scored subjects (rows of every measure).</summary>
    public required int Count { get; init; }

    /// <summary>D_ml's p-values; null without a latent space.</summary>
    public DistancePValues? LatentDistance { get; init; }

    /// <summary>D_mf's p-values (the baseline: its distance of the residual z-vector).</summary>
    public DistancePValues? FeatureDistance { get; init; }

    /// <summary>Z_ml [n, d]; null without a latent space.</summary>
    public double[,]? LatentZ { get; init; }

    /// <summary>Z_mf [n, R], z-scores of the regional errors; null where not computed.</summary>
    public double[,]? RegionalZ { get; init; }

    /// <summary>Signed residual z [n, R]; null where not computed.</summary>
    public double[,]? SignedResidual { get; init; }

    /// <summary>Every measure of a model's scores.</summary>
    public static CalibrationScores Of(DeviationScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return new CalibrationScores
        {
            Count = scores.Count,
            LatentDistance = new DistancePValues(scores.LatentPValue, scores.LatentPValueStep),
            FeatureDistance = new DistancePValues(scores.FeaturePValue, scores.FeaturePValueStep),
            LatentZ = scores.LatentZ,
            RegionalZ = scores.FeatureZ,
            SignedResidual = scores.SignedResiduals,
        };
    }

    /// <summary>The no-model baseline's measures: its distance and its regional z-scores, which are signed residuals.</summary>
    public static CalibrationScores Of(NoModelScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return new CalibrationScores
        {
            Count = scores.Count,
            FeatureDistance = new DistancePValues(scores.PValue, scores.PValueStep),
            SignedResidual = scores.RegionalZ,
        };
    }

    /// <summary>A model's scores, read as <see cref="Of(DeviationScores)"/>.</summary>
    public static implicit operator CalibrationScores(DeviationScores scores) => Of(scores);
}

/// <summary>A distance's p-value per subject and, for an empirical threshold, the grid step of each (null = continuous or not recorded).</summary>
public sealed record DistancePValues(IReadOnlyList<double> PValues, IReadOnlyList<double>? Steps);
