using Normative.Deviation;

namespace Normative.Tests.Deviation;

public sealed class FisherCorrelationIntervalTests
{
    // Reference values: python3 math, tanh(atanh(r) ± 1.959963984540054 / sqrt(n - 3)) (the closed form, z_0.975 to 16 digits).
    [Theory]
    [InlineData(0.5, 50, 0.25748786076828395, 0.6832563020988134)]
    [InlineData(-0.3, 20, -0.6554991792950994, 0.16433762668012197)]
    [InlineData(0.1, 1000, 0.03824400388555741, 0.16099502469862667)]
    public void MatchesTheClosedForm(double r, int n, double lower, double upper)
    {
        var (lo, hi) = FisherCorrelationInterval.Compute(r, n);
        Assert.Equal(lower, lo, 1e-9);
        Assert.Equal(upper, hi, 1e-9);
    }

    [Fact]
    public void RefusesTooFewPairs() => Assert.Throws<ArgumentOutOfRangeException>(() => FisherCorrelationInterval.Compute(0.2, 3));
}
