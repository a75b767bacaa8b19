namespace Normative.Deviation;

/// <summary>
/// A deviation measure whose calibration on out-of-sample controls <see cref="ControlCalibration"/> checks. The two
/// distances are checked through their p-values, read as z = Φ^-1(1 - p) (one-sided: large = deviant); the three
/// z-score families directly, two-sided (|z| large = deviant).
/// </summary>
public enum CalibrationMeasure
{
    /// <summary>D_ml's p-value under the latent threshold's reference distribution (one value per subject).</summary>
    LatentDistance,

    /// <summary>D_mf's p-value under the feature threshold's reference distribution (one value per subject).</summary>
    FeatureDistance,

    /// <summary>Z_ml: latent z-scores against the training controls (d values per subject).</summary>
    LatentZ,

    /// <summary>Z_mf: regional-error z-scores against the training controls (one per observed region).</summary>
    RegionalZ,

    /// <summary>Signed regional residuals (x - x̂) / sd of the training controls (one per observed region), where computed.</summary>
    SignedResidual,
}

/// <summary>Names of <see cref="CalibrationMeasure"/> for tables.</summary>
public static class CalibrationMeasures
{
    /// <summary>Every measure, in report order.</summary>
    public static IReadOnlyList<CalibrationMeasure> All { get; } = Enum.GetValues<CalibrationMeasure>();

    /// <summary>A short label, e.g. "D_ml p".</summary>
    public static string Label(this CalibrationMeasure measure) => measure switch
    {
        CalibrationMeasure.LatentDistance => "D_ml p",
        CalibrationMeasure.FeatureDistance => "D_mf p",
        CalibrationMeasure.LatentZ => "Z_ml",
        CalibrationMeasure.RegionalZ => "Z_mf",
        CalibrationMeasure.SignedResidual => "signed residual z",
        _ => throw new ArgumentOutOfRangeException(nameof(measure), measure, "Unknown calibration measure."),
    };

    /// <summary>Whether the measure is a subject-level p-value (one-sided) rather than a z-score family (two-sided).</summary>
    public static bool IsDistance(this CalibrationMeasure measure) =>
        measure is CalibrationMeasure.LatentDistance or CalibrationMeasure.FeatureDistance;
}
