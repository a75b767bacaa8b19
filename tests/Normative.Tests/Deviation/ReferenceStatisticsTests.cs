using Normative.Deviation;

namespace Normative.Tests.Deviation;

public class ReferenceStatisticsTests
{
    [Fact]
    public void Z_scores_use_training_mean_and_sd()
    {
        // Column 1 = {1, 2, 3, 4}: mean 2.5, sd (ddof 1) = sqrt(5/3), sd (ddof 0) = sqrt(1.25).
        double[,] training = { { 1, 10 }, { 2, 20 }, { 3, 30 }, { 4, 40 } };
        var unbiased = ZScoreReference.Fit(training);
        var population = ZScoreReference.Fit(training, ddof: 0);
        double[,] z1 = unbiased.Transform(new double[,] { { 5, 25 } });
        double[,] z0 = population.Transform(new double[,] { { 5, 25 } });
        Assert.Equal(2.5 / Math.Sqrt(5.0 / 3), z1[0, 0], 12);
        Assert.Equal(0.0, z1[0, 1], 12);
        Assert.Equal(2.5 / Math.Sqrt(1.25), z0[0, 0], 12);
        Assert.Equal([2.5, 25.0], unbiased.Means);
    }

    [Fact]
    public void Constant_reference_column_is_named()
    {
        var error = Assert.Throws<ArgumentException>(() => ZScoreReference.Fit(new double[,] { { 1, 3 }, { 2, 3 } }));
        Assert.Contains("column 2", error.Message);
    }

    [Theory]
    [InlineData(RegionalErrorKind.Squared, 4.0, 0.25)]
    [InlineData(RegionalErrorKind.Absolute, 2.0, 0.5)]
    public void Regional_error_kinds(RegionalErrorKind kind, double first, double second)
    {
        double[,] errors = RegionalError.Compute(new double[,] { { 1, -1 } }, new double[,] { { -1, -0.5 } }, kind);
        Assert.Equal(first, errors[0, 0], 12);
        Assert.Equal(second, errors[0, 1], 12);
    }

    [Fact]
    public void Modalities_are_concatenated_in_order()
    {
        double[,] joined = RegionalError.Concatenate([new double[,] { { 1, 2 }, { 3, 4 } }, new double[,] { { 5 }, { 6 } }]);
        Assert.Equal(new double[,] { { 1, 2, 5 }, { 3, 4, 6 } }, joined);
        Assert.Throws<ArgumentException>(() => RegionalError.Concatenate([new double[2, 1], new double[3, 1]]));
    }
}
