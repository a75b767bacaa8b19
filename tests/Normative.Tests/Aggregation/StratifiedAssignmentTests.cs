using Normative.Aggregation;
using static TorchSharp.torch;

namespace Normative.Tests.Aggregation;

public sealed class StratifiedAssignmentTests
{
    /// <summary>floor(n w_k) each, the rest to the largest remainders (values worked out by hand).</summary>
    [Theory]
    [InlineData(64, new[] { 1.0 / 3, 1.0 / 3, 1.0 / 3 }, new[] { 21, 21, 22 })]
    [InlineData(64, new[] { 0.5, 0.5 }, new[] { 32, 32 })]
    [InlineData(10, new[] { 0.5, 0.25, 0.25 }, new[] { 2, 3, 5 })]
    [InlineData(7, new[] { 1.0, 0.0, 0.0 }, new[] { 0, 0, 7 })]
    [InlineData(2, new[] { 1.0 / 3, 1.0 / 3, 1.0 / 3 }, new[] { 0, 1, 1 })]
    public void CountsAreProportionalToTheWeights(int n, double[] weights, int[] expectedSorted)
    {
        var counts = StratifiedAssignment.Counts(n, weights, new Generator(1, CPU));
        Assert.Equal(expectedSorted, counts.Order().ToArray());
        Assert.Equal(n, counts.Sum());
        if (weights[0] == 1.0) Assert.Equal(7, counts[0]);
    }

    [Fact]
    public void EachMaskGroupIsSplitSeparatelyAndTheSeedFixesTheOrder()
    {
        using var scope = NewDisposeScope();
        // 64 complete subjects over 3 MoPoE components, then 10 MRI-only subjects that may only use component 0.
        var weights = cat([full(64, 3, 1f / 3), tensor(new[] { 1f, 0f, 0f }).view(1, 3).expand(10, 3)], 0);
        var a = StratifiedAssignment.Assign(weights, new Generator(7, CPU));
        var counts = a.Take(64).GroupBy(k => k).Select(g => g.Count()).Order().ToArray();
        Assert.Equal([21, 21, 22], counts);
        Assert.All(a.Skip(64), k => Assert.Equal(0, k));
        Assert.Equal(a, StratifiedAssignment.Assign(weights, new Generator(7, CPU)));
        Assert.NotEqual(a, StratifiedAssignment.Assign(weights, new Generator(8, CPU)));
    }
}
