namespace Normative.Deviation;

/// <summary>
/// A bootstrap percentile interval of LR+ and of its Haldane-corrected value, with the point
/// estimate it belongs to. Bounds are order statistics of the replicates (no interpolation), so an
/// infinite replicate gives an infinite bound rather than NaN.
/// </summary>
/// <param name="Estimate">LR+ on the original subjects, with its counts.</param>
/// <param name="Lower">Lower bound of LR+ (may be +infinity when most replicates have no control outlier).</param>
/// <param name="Upper">Upper bound of LR+ (+infinity when more than (1 - level)/2 of replicates have no control outlier).</param>
/// <param name="HaldaneLower">Lower bound of the Haldane-corrected LR+.</param>
/// <param name="HaldaneUpper">Upper bound of the Haldane-corrected LR+.</param>
/// <param name="InfiniteFraction">Fraction of replicates whose LR+ is +infinity.</param>
/// <param name="Level">Coverage, e.g. 0.95.</param>
/// <param name="Replicates">Number of bootstrap replicates B.</param>
/// <param name="Seed">Seed of the resampling.</param>
public sealed record LikelihoodRatioInterval(
    LikelihoodRatio Estimate,
    double Lower,
    double Upper,
    double HaldaneLower,
    double HaldaneUpper,
    double InfiniteFraction,
    double Level,
    int Replicates,
    int Seed);
