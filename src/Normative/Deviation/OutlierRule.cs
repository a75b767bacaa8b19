namespace Normative.Deviation;

/// <summary>
/// How outliers are called: the reference distribution, its degrees of freedom and the level
/// alpha (p = 0.001 in the paper, §4.3). <see cref="Calibrate"/> turns the rule into a threshold for
/// one fitted Mahalanobis reference.
/// </summary>
/// <param name="Kind">chi-square (default), empirical training-control quantile, or Hotelling prediction.</param>
/// <param name="DegreesOfFreedom">df = p (textbook, default) or p - 1 (authors' code); used by the chi-square kind only.</param>
/// <param name="Alpha">Nominal false-positive rate. Range: (0, 1).</param>
/// <param name="CrossFitFolds">Folds K of <see cref="ThresholdKind.CrossFittedQuantile"/>. Range: 2 &lt;= K &lt;= n.</param>
public sealed record OutlierRule(
    ThresholdKind Kind = ThresholdKind.ChiSquare,
    DegreesOfFreedomRule DegreesOfFreedom = DegreesOfFreedomRule.Dimensions,
    double Alpha = 0.001,
    int CrossFitFolds = 10)
{
    /// <summary>chi-square, df = p, alpha = 0.001.</summary>
    public static OutlierRule Textbook { get; } = new();

    /// <summary>chi-square, df = p - 1, alpha = 0.001: the authors' code.</summary>
    public static OutlierRule AuthorsCode { get; } = new(ThresholdKind.ChiSquare, DegreesOfFreedomRule.DimensionsMinusOne);

    /// <summary>The chi-square degrees of freedom this rule gives in <paramref name="dimensions"/> dimensions.</summary>
    public int ChiSquareDegreesOfFreedom(int dimensions)
    {
        int df = DegreesOfFreedom switch
        {
            DegreesOfFreedomRule.Dimensions => dimensions,
            DegreesOfFreedomRule.DimensionsMinusOne => dimensions - 1,
            _ => throw new ArgumentOutOfRangeException(nameof(DegreesOfFreedom), DegreesOfFreedom, "Unknown degrees-of-freedom rule."),
        };
        if (df < 1)
            throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, $"{DegreesOfFreedom} gives df = {df} in {dimensions} dimension(s); df must be >= 1.");
        return df;
    }

    /// <summary>
    /// The threshold for <paramref name="reference"/>, fitted on <paramref name="trainingControls"/> [n, p]
    /// (the empirical kinds need their distances; the cross-fitted kind refits the reference's estimator on folds
    /// assigned with <paramref name="seed"/>).
    /// </summary>
    public OutlierThreshold Calibrate(MahalanobisReference reference, double[,] trainingControls, int seed)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return Kind switch
        {
            ThresholdKind.ChiSquare => OutlierThreshold.ChiSquare(ChiSquareDegreesOfFreedom(reference.Dimensions), Alpha),
            ThresholdKind.EmpiricalQuantile => OutlierThreshold.EmpiricalQuantile(reference.SquaredDistances(trainingControls), Alpha),
            ThresholdKind.CrossFittedQuantile => OutlierThreshold.CrossFittedQuantile(
                CrossFittedDistances.Compute(trainingControls,
                    reference.Estimator ?? throw new ArgumentException("The cross-fitted threshold needs a reference built by MahalanobisReference.Fit (it refits the estimator).", nameof(reference)),
                    reference.InversionPolicy, CrossFitFolds, seed),
                Alpha),
            ThresholdKind.HotellingPrediction => OutlierThreshold.HotellingPrediction(reference.Dimensions, reference.Estimate.SampleCount, Alpha),
            _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown threshold kind."),
        };
    }
}
