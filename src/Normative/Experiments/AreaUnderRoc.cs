using MathNet.Numerics.Statistics;

namespace Normative.Experiments;

/// <summary>
/// Area under the ROC curve of a score that should be larger for positives, as the Mann-Whitney statistic:
/// AUROC = (1 / (n_+ n_-)) sum_{i positive} sum_{k negative} [s_i &gt; s_k] + 0.5 [s_i = s_k]
/// = (R_+ - n_+ (n_+ + 1) / 2) / (n_+ n_-), R_+ the sum of the positives' average ranks among all scores.
/// </summary>
/// <remarks>
/// 1 = every positive scores above every negative, 0.5 = no better than chance. The rank form is exact
/// (ties share their average rank, which counts a tied pair as one half). D. J. Hand, R. J. Till, Machine
/// Learning 45 (2001) 171-186, Eq. 3.
/// </remarks>
public static class AreaUnderRoc
{
    /// <summary>AUROC of <paramref name="scores"/> against <paramref name="positive"/> (same length, at least one of each label, finite scores).</summary>
    public static double Compute(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(positive);
        if (scores.Count != positive.Count)
            throw new ArgumentException($"{scores.Count} scores but {positive.Count} labels; they must be paired.", nameof(positive));
        for (int i = 0; i < scores.Count; i++)
            if (!double.IsFinite(scores[i]))
                throw new ArgumentException($"Score {i + 1} is {scores[i]}; every score must be finite.", nameof(scores));
        long positives = positive.Count(p => p), negatives = positive.Count - positives;
        if (positives == 0 || negatives == 0)
            throw new ArgumentException($"AUROC needs at least one positive and one negative; got {positives} and {negatives}.", nameof(positive));
        double[] ranks = scores.ToArray().Ranks(RankDefinition.Average);
        double positiveRankSum = 0;
        for (int i = 0; i < ranks.Length; i++)
            if (positive[i]) positiveRankSum += ranks[i];
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
