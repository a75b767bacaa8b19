using Normative.Experiments;

namespace Normative.Tests.Experiments;

public sealed class AreaUnderRocTests
{
    public static TheoryData<double[], bool[], double> HandChecked => new()
    {
        // Positives 0.9, 0.7, 0.5 vs negatives 0.8, 0.6, 0.5: pairs won 3 + 2 + 0, one tie (0.5 vs 0.5) = 5.5 of 9.
        { [0.9, 0.8, 0.7, 0.6, 0.5, 0.5], [true, false, true, false, true, false], 5.5 / 9 },
        // Perfect separation.
        { [3, 4, 1, 2], [true, true, false, false], 1.0 },
        // Perfectly reversed.
        { [1, 2, 3, 4], [true, true, false, false], 0.0 },
        // All tied: every pair counts one half.
        { [2, 2, 2], [true, false, false], 0.5 },
        // One positive ranked second of four: beats 2 of 3 negatives.
        { [0.1, 0.7, 0.4, 0.9], [false, true, false, false], 2.0 / 3 },
    };

    [Theory]
    [MemberData(nameof(HandChecked))]
    public void Matches_the_hand_count(double[] scores, bool[] positive, double expected) =>
        Assert.Equal(expected, AreaUnderRoc.Compute(scores, positive), 12);

    [Fact]
    public void Equals_the_brute_force_pairwise_count_with_ties()
    {
        var random = new Random(7);
        // Scores on a coarse grid so that many ties occur.
        var scores = Enumerable.Range(0, 40).Select(_ => Math.Round(random.NextDouble() * 5) / 5).ToArray();
        var positive = Enumerable.Range(0, 40).Select(_ => random.NextDouble() < 0.4).ToArray();
        Assert.Equal(BruteForce(scores, positive), AreaUnderRoc.Compute(scores, positive), 12);
    }

    [Fact]
    public void Needs_both_labels_and_finite_scores()
    {
        Assert.Throws<ArgumentException>(() => AreaUnderRoc.Compute([1, 2], [true, true]));
        Assert.Throws<ArgumentException>(() => AreaUnderRoc.Compute([1, double.NaN], [true, false]));
        Assert.Throws<ArgumentException>(() => AreaUnderRoc.Compute([1, 2, 3], [true, false]));
    }

    /// <summary>The definition: fraction of (positive, negative) pairs the positive wins, ties counting one half.</summary>
    internal static double BruteForce(IReadOnlyList<double> scores, IReadOnlyList<bool> positive)
    {
        double wins = 0;
        int pairs = 0;
        for (int i = 0; i < scores.Count; i++)
        {
            if (!positive[i]) continue;
            for (int k = 0; k < scores.Count; k++)
            {
                if (positive[k]) continue;
                pairs++;
                wins += scores[i] > scores[k] ? 1 : scores[i] == scores[k] ? 0.5 : 0;
            }
        }
        return wins / pairs;
    }
}
