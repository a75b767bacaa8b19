using MathNet.Numerics.Random;
using Normative.Deviation;

namespace Normative.Tests.Deviation;

/// <summary>The estimators behind the corrected latent-to-region mapping and the no-model ceiling.</summary>
public sealed class MappingStatisticsTests
{
    [Fact]
    public void One_sample_t_matches_the_closed_form_of_students_t_with_4_df()
    {
        // x = 1..5: mean 3, s = sqrt(2.5), t = 3 / sqrt(0.5) = 4.2426; p from the closed-form CDF of t with 4 df,
        // F(t) = 1/2 + 3/8 * t / sqrt(1 + t^2/4) * (1 - t^2 / (12 (1 + t^2/4))) (Student's t, nu = 4), by hand: 0.0132356.
        var result = OneSampleTTest.Compute([1, 2, 3, 4, 5]);
        Assert.Equal(4.242640687119285, result.T, 12);
        Assert.Equal(4, result.DegreesOfFreedom);
        Assert.Equal(0.013235599563682587, result.PValue, 10);
        Assert.Equal(3, result.Mean, 12);
        var negative = OneSampleTTest.Compute([-1, -2, -3, -4, -5]);
        Assert.Equal(-result.T, negative.T, 12);
        Assert.Equal(result.PValue, negative.PValue, 12);
    }

    [Fact]
    public void One_sample_t_of_exact_zeros_is_no_evidence_and_of_another_constant_is_refused()
    {
        var zeros = OneSampleTTest.Compute([0, 0, 0]);
        Assert.Equal(1, zeros.PValue);
        Assert.Equal(0, zeros.T);
        Assert.Throws<ArgumentException>(() => OneSampleTTest.Compute([2, 2, 2]));
    }

    [Fact]
    public void Bootstrap_interval_covers_the_true_mean_in_a_seeded_case_and_has_the_normal_width()
    {
        // 400 draws of N(0.3, 1): the 95 % interval of the mean should cover 0.3 with width about 2 * 1.96 / sqrt(400) = 0.196.
        var random = new MersenneTwister(5);
        var values = new double[400, 2];
        for (int i = 0; i < 400; i++)
        {
            values[i, 0] = 0.3 + MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1);
            values[i, 1] = -2.0;
        }
        var (lower, upper) = BootstrapMeanInterval.Compute(values, seed: 11);
        Assert.InRange(0.3, lower[0], upper[0]);
        Assert.InRange(upper[0] - lower[0], 0.196 * 0.85, 0.196 * 1.15);
        // A constant column has a degenerate interval at its value.
        Assert.Equal(-2.0, lower[1], 12);
        Assert.Equal(-2.0, upper[1], 12);
        // Same seed, same interval; another seed, another one.
        Assert.Equal(lower, BootstrapMeanInterval.Compute(values, seed: 11).Lower);
        Assert.NotEqual(lower[0], BootstrapMeanInterval.Compute(values, seed: 12).Lower[0]);
    }

    [Fact]
    public void Covariate_regression_on_a_one_hot_group_leaves_the_deviation_from_the_group_mean()
    {
        // Two groups coded by a full one-hot pair next to the intercept (collinear): the least-squares fit is each
        // group's mean (by hand: group a {1, 3} -> 2, group b {10, 14} -> 12), so the residuals are the deviations from it.
        double[,] covariates = { { 1, 0 }, { 1, 0 }, { 0, 1 }, { 0, 1 } };
        double[,] values = { { 1 }, { 3 }, { 10 }, { 14 } };
        var regression = CovariateRegression.Fit(covariates, values);
        var fitted = regression.Predict(new double[,] { { 1, 0 }, { 0, 1 } });
        Assert.Equal(2, fitted[0, 0], 10);
        Assert.Equal(12, fitted[1, 0], 10);
        var residuals = regression.Residuals(new double[,] { { 0, 1 } }, new double[,] { { 11.5 } });
        Assert.Equal(-0.5, residuals[0, 0], 10);
    }
}
