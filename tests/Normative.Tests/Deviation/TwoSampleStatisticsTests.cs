using Normative.Deviation;

namespace Normative.Tests.Deviation;

public class TwoSampleStatisticsTests
{
    [Fact]
    public void Cohens_d_by_hand()
    {
        // a = {2, 4, 6}: mean 4, var 4; b = {1, 2, 3}: mean 2, var 1; s_p^2 = (2*4 + 2*1)/4 = 2.5; d = 2 / sqrt(2.5).
        Assert.Equal(1.2649110640673518, CohensD.Compute([2, 4, 6], [1, 2, 3]), 12);
        Assert.Equal(-1.2649110640673518, CohensD.Compute([1, 2, 3], [2, 4, 6]), 12);
    }

    [Theory]
    // a, b as in the Cohen's d case: t = 2/sqrt(4/3 + 1/3) = 1.5491933; nu = (5/3)^2 / ((4/3)^2/2 + (1/3)^2/2) = 2.9411765;
    // p by numerical integration of the t density (Simpson, 2e5 panels) = 0.2208808.
    [InlineData(new double[] { 2, 4, 6 }, new double[] { 1, 2, 3 }, 1.5491933384829668, 2.941176470588236, 0.2208808404940927)]
    // Equal n and variances: nu = 2(n - 1) = 8, t = -2; two-sided p(|T_8| > 2) = 0.0805162 (t tables: 0.0805).
    [InlineData(new double[] { 1, 2, 3, 4, 5 }, new double[] { 3, 4, 5, 6, 7 }, -2.0, 8.0, 0.08051623795726368)]
    public void Welch_t_test_matches_hand_values(double[] a, double[] b, double t, double df, double p)
    {
        var result = WelchTTest.Compute(a, b);
        Assert.Equal(t, result.T, 10);
        Assert.Equal(df, result.DegreesOfFreedom, 10);
        Assert.Equal(p, result.PValue, 7);
        Assert.Equal(a.Average() - b.Average(), result.MeanDifference, 12);
    }

    [Fact]
    public void Constant_samples_and_short_samples_are_refused()
    {
        Assert.Throws<ArgumentException>(() => CohensD.Compute([1, 1, 1], [2, 2]));
        Assert.Throws<ArgumentException>(() => WelchTTest.Compute([1, 1, 1], [2, 2]));
        Assert.Contains("at least 2", Assert.Throws<ArgumentException>(() => WelchTTest.Compute([1], [2, 3])).Message);
        Assert.Contains("entry 2", Assert.Throws<ArgumentException>(() => CohensD.Compute([1, double.NaN], [2, 3])).Message);
    }

    [Theory]
    // a = {0, 1, 3} vs the same shifted by 5: W1 = 5.
    [InlineData(new double[] { 0, 1, 3 }, new double[] { 5, 6, 8 }, 5.0)]
    // a = {0, 1}, b = {0, 2}: the CDFs differ by 1/2 on [1, 2): W1 = 0.5.
    [InlineData(new double[] { 0, 1 }, new double[] { 0, 2 }, 0.5)]
    // Unequal sizes: a = {0}, b = {1, 3}: |F_a - F_b| = 1 on [0, 1), 1/2 on [1, 3): W1 = 1 + 1 = 2.
    [InlineData(new double[] { 0 }, new double[] { 1, 3 }, 2.0)]
    // Identical samples, any order: 0.
    [InlineData(new double[] { 3, 1, 2 }, new double[] { 2, 3, 1 }, 0.0)]
    // a = {1, 2, 3, 4}, b = {2, 2}: |F_a - F_b| = 1/4 on [1, 2), 1/4 on [2, 3), 1/2 on [3, 4): W1 = 1.
    [InlineData(new double[] { 1, 2, 3, 4 }, new double[] { 2, 2 }, 1.0)]
    public void Earth_movers_distance_by_hand(double[] a, double[] b, double expected)
    {
        Assert.Equal(expected, EarthMoversDistance.Compute(a, b), 12);
        Assert.Equal(expected, EarthMoversDistance.Compute(b, a), 12);
    }

    [Fact]
    public void Earth_movers_distance_needs_samples()
    {
        Assert.Throws<ArgumentException>(() => EarthMoversDistance.Compute([], [1.0]));
    }
}
