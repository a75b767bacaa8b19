using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;

namespace Normative.Ranking;

/// <summary>
/// Stratified bootstrap of controls and patients: each replicate draws n_c controls from the n_c controls and n_p
/// patients from the n_p patients, with replacement, as a multiplicity per subject (controls first, then patients).
/// Stratifying keeps both group sizes fixed, so every replicate has an ROC curve (Carpenter &amp; Bithell 2000,
/// Statistics in Medicine 19, 1141-1164, on bootstrap CIs; stratified resampling for AUC as in pROC, Robin et al. 2011).
/// </summary>
internal static class StratifiedBootstrap
{
    /// <summary>The multiplicities of <paramref name="replicates"/> replicates, drawn with <paramref name="seed"/>.</summary>
    public static IEnumerable<int[]> Weights(int controls, int patients, int replicates, int seed)
    {
        var random = new MersenneTwister(seed);
        for (int b = 0; b < replicates; b++)
        {
            var weights = new int[controls + patients];
            for (int i = 0; i < controls; i++) weights[random.Next(controls)]++;
            for (int i = 0; i < patients; i++) weights[controls + random.Next(patients)]++;
            yield return weights;
        }
    }

    /// <summary>The percentile interval ((1 - level)/2 and (1 + level)/2 quantiles, linear interpolation R-7) of <paramref name="values"/>.</summary>
    public static (double Lower, double Upper) Percentiles(double[] values, double level) =>
        (values.QuantileCustom((1 - level) / 2, QuantileDefinition.R7), values.QuantileCustom((1 + level) / 2, QuantileDefinition.R7));
}
