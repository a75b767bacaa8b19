using Normative.Deviation;

namespace Normative.Tests.Deviation;

public class OutlierThresholdTests
{
    [Theory]
    // chi2.ppf(0.999, df): standard tables (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.4), 3 decimals.
    [InlineData(1, 10.828)]
    [InlineData(2, 13.816)]
    [InlineData(3, 16.266)]
    [InlineData(5, 20.515)]
    [InlineData(10, 29.588)]
    [InlineData(15, 37.697)]
    [InlineData(20, 45.315)]
    public void Chi_square_threshold_matches_tabulated_quantiles(int df, double expected)
    {
        var threshold = OutlierThreshold.ChiSquare(df, 0.001);
        Assert.Equal(expected, threshold.SquaredDistance, 3);
        Assert.Equal(0.001, threshold.PValue(threshold.SquaredDistance), 8);
        Assert.True(threshold.IsOutlier(expected + 0.01));
        Assert.False(threshold.IsOutlier(expected - 0.01));
    }

    [Theory]
    // P(chi2_2 >= x) = exp(-x/2) in closed form.
    [InlineData(0.0, 1.0)]
    [InlineData(2.0, 0.36787944117144233)]
    [InlineData(40.0, 2.061153622438558e-9)]
    public void Chi_square_p_value_keeps_tiny_tails(double d2, double expected)
    {
        double actual = OutlierThreshold.ChiSquare(2).PValue(d2);
        Assert.Equal(expected, actual, expected * 1e-9 + 1e-15);
    }

    [Theory]
    [InlineData(DegreesOfFreedomRule.Dimensions, 15, 15)]
    [InlineData(DegreesOfFreedomRule.DimensionsMinusOne, 15, 14)]
    public void Degrees_of_freedom_rule(DegreesOfFreedomRule rule, int dimensions, int expected)
    {
        Assert.Equal(expected, new OutlierRule(ThresholdKind.ChiSquare, rule).ChiSquareDegreesOfFreedom(dimensions));
    }

    [Fact]
    public void Dimensions_minus_one_needs_two_dimensions()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OutlierRule.AuthorsCode.ChiSquareDegreesOfFreedom(1));
    }

    [Fact]
    public void Empirical_quantile_interpolates_and_gives_conformal_p_values()
    {
        // 1..10 at alpha = 0.1: R7 quantile at 0.9 = 9 + 0.1 * (10 - 9) = 9.1 (numpy's default 'linear').
        double[] training = Enumerable.Range(1, 10).Select(i => (double)i).ToArray();
        var threshold = OutlierThreshold.EmpiricalQuantile(training, 0.1);
        Assert.Equal(9.1, threshold.SquaredDistance, 12);
        Assert.False(threshold.IsOutlier(9.1));
        Assert.True(threshold.IsOutlier(9.2));
        Assert.Equal((1 + 2) / 11.0, threshold.PValue(9.0), 12); // 9 and 10 are >= 9
        Assert.Equal(1 / 11.0, threshold.PValue(50), 12);
        Assert.Equal(ThresholdKind.EmpiricalQuantile, threshold.Kind);
    }

    [Fact]
    public void Hotelling_prediction_in_one_dimension_is_the_squared_t_quantile()
    {
        // p = 1: n (n - 1) / ((n + 1)(n - 1)) D^2 ~ F(1, n - 1) = t_{n-1}^2, so t = (n + 1)/n * t_{n-1, 1-alpha/2}^2.
        // n = 11, alpha = 0.05: t_{10, 0.975} = 2.228139 (t tables) -> 12/11 * 4.964603 = 5.415931.
        var threshold = OutlierThreshold.HotellingPrediction(1, 11, 0.05);
        Assert.Equal(5.415931, threshold.SquaredDistance, 4);
        Assert.Equal(0.05, threshold.PValue(threshold.SquaredDistance), 8);
    }

    [Fact]
    public void Hotelling_threshold_approaches_chi_square_for_large_n()
    {
        double hotelling = OutlierThreshold.HotellingPrediction(5, 200_000).SquaredDistance;
        Assert.Equal(OutlierThreshold.ChiSquare(5).SquaredDistance, hotelling, 1);
    }

    [Fact]
    public void Cross_fitted_threshold_scores_each_control_out_of_sample()
    {
        double[,] training = Fixtures.Gaussian(40, 3, seed: 8);
        var reference = MahalanobisReference.Fit(training, new SampleCovariance());
        var rule = new OutlierRule(ThresholdKind.CrossFittedQuantile, Alpha: 0.05, CrossFitFolds: 40);
        var threshold = rule.Calibrate(reference, training, seed: 1);

        // With K = n (leave-one-out) the distances are independent of the seed; check one by an explicit refit.
        double[] loo = CrossFittedDistances.Compute(training, new SampleCovariance(), CovarianceInversion.Strict, 40, seed: 99);
        var withoutFirst = new double[39, 3];
        for (int i = 1; i < 40; i++)
            for (int j = 0; j < 3; j++) withoutFirst[i - 1, j] = training[i, j];
        double expected = MahalanobisReference.Fit(withoutFirst, new SampleCovariance()).SquaredDistance([training[0, 0], training[0, 1], training[0, 2]]);
        Assert.Equal(expected, loo[0], 10);
        Assert.Equal(OutlierThreshold.CrossFittedQuantile(loo, 0.05).SquaredDistance, threshold.SquaredDistance, 10);
        // Out-of-sample distances exceed in-sample ones on average.
        Assert.True(loo.Average() > reference.SquaredDistances(training).Average());
    }

    [Fact]
    public void Calibrate_dispatches_on_kind()
    {
        double[,] training = Fixtures.Gaussian(30, 4, seed: 2);
        var reference = MahalanobisReference.Fit(training, new LedoitWolfCovariance());
        foreach (ThresholdKind kind in Enum.GetValues<ThresholdKind>())
            Assert.Equal(kind, new OutlierRule(kind).Calibrate(reference, training, seed: 1).Kind);
        Assert.Equal(3, OutlierRule.AuthorsCode.Calibrate(reference, training, 1).DegreesOfFreedom);
    }

    [Fact]
    public void Bad_alpha_and_distances_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OutlierThreshold.ChiSquare(3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => OutlierThreshold.ChiSquare(3).PValue(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => OutlierThreshold.ChiSquare(3).IsOutlier(-1));
    }
}
