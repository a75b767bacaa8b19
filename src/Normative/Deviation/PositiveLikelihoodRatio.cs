using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;

namespace Normative.Deviation;

/// <summary>
/// LR+ = TPR / FPR of outlier flags (paper §4.3): TPR = outlier fraction among patients, FPR =
/// outlier fraction among held-out controls, with the zero-FPR rule and Haldane correction of
/// <see cref="LikelihoodRatio"/>, and a bootstrap percentile interval over subjects.
/// </summary>
public static class PositiveLikelihoodRatio
{
    /// <summary>LR+ from the flags of patients and of held-out controls (either group may be empty).</summary>
    public static LikelihoodRatio Compute(IReadOnlyList<bool> patientOutliers, IReadOnlyList<bool> controlOutliers)
    {
        ArgumentNullException.ThrowIfNull(patientOutliers);
        ArgumentNullException.ThrowIfNull(controlOutliers);
        return new LikelihoodRatio(patientOutliers.Count(f => f), patientOutliers.Count, controlOutliers.Count(f => f), controlOutliers.Count);
    }

    /// <summary>
    /// Stratified bootstrap: each replicate resamples patients and controls with replacement, within
    /// their group and to their group's size, and recomputes LR+; the interval is the
    /// (1 - level)/2 and (1 + level)/2 percentiles (inverse-CDF order statistics) of the B replicates.
    /// </summary>
    /// <param name="patientOutliers">Outlier flag per patient.</param>
    /// <param name="controlOutliers">Outlier flag per held-out control.</param>
    /// <param name="seed">Seed of the resampling; the same seed gives the same interval.</param>
    /// <param name="replicates">B. Range: &gt;= 1.</param>
    /// <param name="level">Coverage. Range: (0, 1).</param>
    public static LikelihoodRatioInterval Bootstrap(IReadOnlyList<bool> patientOutliers, IReadOnlyList<bool> controlOutliers,
        int seed, int replicates = 2000, double level = 0.95)
    {
        LikelihoodRatio estimate = Compute(patientOutliers, controlOutliers);
        if (replicates < 1) throw new ArgumentOutOfRangeException(nameof(replicates), replicates, "At least one replicate is needed.");
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "level must lie in (0, 1).");

        var random = new MersenneTwister(seed);
        var values = new double[replicates];
        var corrected = new double[replicates];
        for (int b = 0; b < replicates; b++)
        {
            var replicate = new LikelihoodRatio(
                ResampledCount(patientOutliers, random), patientOutliers.Count,
                ResampledCount(controlOutliers, random), controlOutliers.Count);
            values[b] = replicate.Value;
            corrected[b] = replicate.HaldaneCorrected;
        }
        double lowerTau = (1 - level) / 2, upperTau = (1 + level) / 2;
        return new LikelihoodRatioInterval(
            estimate,
            Percentile(values, lowerTau), Percentile(values, upperTau),
            Percentile(corrected, lowerTau), Percentile(corrected, upperTau),
            values.Count(double.IsPositiveInfinity) / (double)replicates,
            level, replicates, seed);
    }

    private static int ResampledCount(IReadOnlyList<bool> flags, Random random)
    {
        int count = 0;
        for (int i = 0; i < flags.Count; i++)
            if (flags[random.Next(flags.Count)]) count++;
        return count;
    }

    // Inverse-CDF (R type 1) picks a replicate value; interpolating between +infinity and a finite value would give NaN.
    private static double Percentile(double[] values, double tau) => values.QuantileCustom(tau, QuantileDefinition.R1);
}
