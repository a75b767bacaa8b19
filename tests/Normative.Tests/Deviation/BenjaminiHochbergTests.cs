using Normative.Deviation;

namespace Normative.Tests.Deviation;

public class BenjaminiHochbergTests
{
    // The 15 p-values of Benjamini & Hochberg (1995), §4.2; the paper rejects the four smallest at q = 0.05.
    private static readonly double[] Classic =
        [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.0000];

    // Hand computation: q_(i) = min_{j >= i} 15 p_(j) / j, e.g. q_(6) = min(0.0695, q_(7) = 0.0298 * 15/7).
    private static readonly double[] ClassicAdjusted =
        [0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.0638571428571, 0.0638571428571, 0.0645, 0.0765, 0.486, 0.5811818181818, 0.714875, 0.7532307692308, 0.8132142857143, 1.0];

    [Fact]
    public void Classic_example_matches_the_paper_and_hand_values()
    {
        var result = BenjaminiHochberg.Adjust(Classic, 0.05);
        for (int i = 0; i < Classic.Length; i++) Assert.Equal(ClassicAdjusted[i], result.AdjustedPValues[i], 10);
        Assert.Equal(4, result.Rejected.Count(r => r));
        Assert.True(result.Rejected.Take(4).All(r => r));
    }

    [Fact]
    public void Result_follows_input_order()
    {
        double[] shuffled = Classic.Reverse().ToArray();
        var result = BenjaminiHochberg.Adjust(shuffled, 0.05);
        Assert.Equal(ClassicAdjusted.Reverse().ToArray(), result.AdjustedPValues.ToArray(), new Tolerance(1e-10));
        Assert.True(result.Rejected.Skip(11).All(r => r));
    }

    [Fact]
    public void Ties_and_empty_input()
    {
        // Three equal p-values 0.02: q = min(3 * 0.02 / 3) = 0.02 for all.
        Assert.All(BenjaminiHochberg.Adjust([0.02, 0.02, 0.02]).AdjustedPValues, q => Assert.Equal(0.02, q, 12));
        Assert.Empty(BenjaminiHochberg.Adjust([]).AdjustedPValues);
        Assert.Throws<ArgumentException>(() => BenjaminiHochberg.Adjust([0.5, 1.5]));
    }

    private sealed class Tolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(double value) => 0;
    }
}
