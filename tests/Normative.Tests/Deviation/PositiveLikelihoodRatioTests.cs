using Normative.Deviation;

namespace Normative.Tests.Deviation;

public class PositiveLikelihoodRatioTests
{
    [Theory]
    // kp, np, kc, nc, status, LR+ (hand: (kp/np)/(kc/nc)), Haldane (hand: ((kp+.5)/(np+1))/((kc+.5)/(nc+1))).
    [InlineData(30, 100, 2, 50, LikelihoodRatioStatus.Finite, 7.5, 6.160396039603960)]
    [InlineData(10, 100, 0, 48, LikelihoodRatioStatus.InfiniteZeroFalsePositives, double.PositiveInfinity, 10.188118811881188)]
    [InlineData(0, 100, 3, 48, LikelihoodRatioStatus.ZeroTruePositives, 0.0, 0.06930693069306931)]
    [InlineData(0, 100, 0, 48, LikelihoodRatioStatus.ZeroTruePositives, 0.0, 0.48514851485148514)]
    [InlineData(0, 0, 1, 10, LikelihoodRatioStatus.EmptyGroup, 0.0, 0.0)]
    [InlineData(5, 20, 0, 0, LikelihoodRatioStatus.EmptyGroup, 0.0, 0.0)]
    [InlineData(0, 0, 0, 0, LikelihoodRatioStatus.EmptyGroup, 0.0, 0.0)]
    public void Documented_value_for_every_case(int kp, int np, int kc, int nc, LikelihoodRatioStatus status, double value, double haldane)
    {
        var lr = new LikelihoodRatio(kp, np, kc, nc);
        Assert.Equal(status, lr.Status);
        Assert.Equal(value, lr.Value, 10);
        Assert.Equal(haldane, lr.HaldaneCorrected, 10);
        Assert.False(double.IsNaN(lr.TruePositiveRate) || double.IsNaN(lr.FalsePositiveRate) || double.IsNaN(lr.Value) || double.IsNaN(lr.HaldaneCorrected));
        Assert.Equal((kp, np, kc, nc), (lr.PatientOutliers, lr.Patients, lr.ControlOutliers, lr.Controls));
    }

    [Fact]
    public void Compute_counts_flags()
    {
        var lr = PositiveLikelihoodRatio.Compute(Flags(3, 10), Flags(1, 5));
        Assert.Equal(new LikelihoodRatio(3, 10, 1, 5), lr);
        Assert.Equal(0.3 / 0.2, lr.Value, 12);
    }

    [Fact]
    public void Bootstrap_is_deterministic_for_a_seed_and_contains_the_estimate()
    {
        bool[] patients = Flags(40, 120), controls = Flags(4, 48);
        var first = PositiveLikelihoodRatio.Bootstrap(patients, controls, seed: 5, replicates: 1000);
        var second = PositiveLikelihoodRatio.Bootstrap(patients, controls, seed: 5, replicates: 1000);
        Assert.Equal(first, second);
        Assert.InRange(first.Estimate.Value, first.Lower, first.Upper);
        Assert.InRange(first.Estimate.HaldaneCorrected, first.HaldaneLower, first.HaldaneUpper);
        Assert.True(first.Lower < first.Upper);
    }

    [Fact]
    public void Bootstrap_with_zero_false_positives_gives_infinite_bounds_never_nan()
    {
        var interval = PositiveLikelihoodRatio.Bootstrap(Flags(20, 100), Flags(0, 48), seed: 1, replicates: 500);
        Assert.Equal(double.PositiveInfinity, interval.Upper);
        Assert.Equal(double.PositiveInfinity, interval.Lower);
        Assert.Equal(1.0, interval.InfiniteFraction);
        Assert.True(double.IsFinite(interval.HaldaneLower) && double.IsFinite(interval.HaldaneUpper));
        Assert.InRange(interval.Estimate.HaldaneCorrected, interval.HaldaneLower, interval.HaldaneUpper);
    }

    [Fact]
    public void Bootstrap_of_an_empty_group_reports_the_documented_zero()
    {
        var interval = PositiveLikelihoodRatio.Bootstrap([], Flags(2, 10), seed: 1, replicates: 50);
        Assert.Equal(LikelihoodRatioStatus.EmptyGroup, interval.Estimate.Status);
        Assert.Equal((0.0, 0.0, 0.0, 0.0), (interval.Lower, interval.Upper, interval.HaldaneLower, interval.HaldaneUpper));
    }

    private static bool[] Flags(int outliers, int count) => Enumerable.Range(0, count).Select(i => i < outliers).ToArray();
}
