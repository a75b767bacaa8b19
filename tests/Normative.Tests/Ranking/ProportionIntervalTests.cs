using Normative.Ranking;

namespace Normative.Tests.Ranking;

public sealed class ProportionIntervalTests
{
    [Theory]
    // k = 0: closed form upper = 1 - (alpha/2)^(1/n); 0/48 is the held-out-control case of issue 15 (0.0740).
    [InlineData(0, 48, 0.0, 0.073972785347280)]
    // k = n: closed form lower = (alpha/2)^(1/n) = 0.025^(1/10).
    [InlineData(10, 10, 0.691503, 1.0)]
    // R binom.test(1, 10)$conf.int: 0.002528579 0.445016117.
    [InlineData(1, 10, 0.002528579, 0.445016117)]
    // R binom.test(5, 10)$conf.int: 0.1870860 0.8129140.
    [InlineData(5, 10, 0.1870860, 0.8129140)]
    public void Clopper_pearson_matches_reference_values(int k, int n, double lower, double upper)
    {
        var interval = ClopperPearson.Interval(k, n);
        Assert.Equal(lower, interval.Lower, 6);
        Assert.Equal(upper, interval.Upper, 6);
        Assert.Equal("clopper-pearson", interval.Method);
    }

    [Theory]
    // Newcombe (1998), Statistics in Medicine 17, 857-872, Table I, method 3 (Wilson score, no continuity correction).
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Wilson_matches_newcombe_table_1(int k, int n, double lower, double upper)
    {
        var interval = WilsonInterval.Interval(k, n);
        Assert.Equal(lower, interval.Lower, 4);
        Assert.Equal(upper, interval.Upper, 4);
    }

    [Fact]
    public void Rejects_counts_outside_the_trials()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ClopperPearson.Interval(3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Interval(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClopperPearson.Interval(1, 2, 1.0));
    }

    [Theory]
    // Donner & Zou (2012) Eq. 6 evaluated by hand (python3 math, Wilson limits with z = 1.959963984540054).
    [InlineData(40, 100, 10, 100, 4.0, 2.157461883690659, 7.496308392106646)]
    [InlineData(300, 726, 3, 2000, 275.4820936639118, 93.37275839474505, 811.4195992570814)]
    public void Mover_wilson_ratio_matches_the_closed_form(int k1, int n1, int k2, int n2, double estimate, double lower, double upper)
    {
        var interval = RatioOfProportions.MoverWilson(k1, n1, k2, n2);
        Assert.Equal(estimate, interval.Estimate, 9);
        Assert.Equal(lower, interval.Lower, 9);
        Assert.Equal(upper, interval.Upper, 6);
    }

    [Fact]
    public void Mover_wilson_ratio_without_flagged_controls_is_open_above_but_keeps_a_lower_bound()
    {
        // 30/726 patients, 0/48 controls: LR+ = infinity; hand evaluation of Eq. 6 with p2 = 0 gives sqrt(l1 (2 p1 - l1)) / u2.
        var interval = RatioOfProportions.MoverWilson(30, 726, 0, 48);
        Assert.True(double.IsPositiveInfinity(interval.Estimate));
        Assert.True(double.IsPositiveInfinity(interval.Upper));
        Assert.Equal(0.532687769292299, interval.Lower, 9);
    }

    [Fact]
    public void Mover_wilson_ratio_brackets_the_estimate()
    {
        for (int k2 = 1; k2 <= 20; k2 += 3)
        {
            var interval = RatioOfProportions.MoverWilson(50, 200, k2, 300);
            Assert.InRange(interval.Estimate, interval.Lower, interval.Upper);
        }
    }
}
