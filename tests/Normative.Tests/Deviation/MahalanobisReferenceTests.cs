using MathNet.Numerics.LinearAlgebra;
using Normative.Deviation;

namespace Normative.Tests.Deviation;

public class MahalanobisReferenceTests
{
    // Four points with mean (10, -5) and unbiased sample covariance S = [[2, 1], [1, 2]] exactly:
    // +-(1.5, 1.5) and +-(sqrt .75, -sqrt .75) give sum x x^T = 3 S.
    private static readonly double Root = Math.Sqrt(0.75);
    private static readonly double[,] TwoByTwo =
    {
        { 11.5, -3.5 }, { 8.5, -6.5 }, { 10 + Root, -5 - Root }, { 10 - Root, -5 + Root },
    };

    [Theory]
    // S^-1 = 1/3 [[2, -1], [-1, 2]] by hand; D^2 = (x - m)^T S^-1 (x - m).
    [InlineData(1, 0, 2.0 / 3)]
    [InlineData(1, 1, 2.0 / 3)]
    [InlineData(1, -1, 2.0)]
    [InlineData(0, 3, 6.0)]
    [InlineData(0, 0, 0.0)]
    public void Squared_distance_matches_hand_inverse_of_2x2(double dx, double dy, double expected)
    {
        var reference = MahalanobisReference.Fit(TwoByTwo, new SampleCovariance());
        Assert.Equal(expected, reference.SquaredDistance([10 + dx, -5 + dy]), 10);
        Assert.Equal(3.0, reference.Estimate.ConditionNumber, 10); // eigenvalues 3 and 1
    }

    [Fact]
    public void Squared_distances_match_explicit_inverse_in_3d()
    {
        double[,] data = Fixtures.Gaussian(40, 3, seed: 5);
        double[,] query = Fixtures.Gaussian(6, 3, seed: 6);
        var reference = MahalanobisReference.Fit(data, new SampleCovariance());

        // Independent path: MathNet's LU inverse of the sample covariance computed with explicit loops.
        var m = Enumerable.Range(0, 3).Select(j => Enumerable.Range(0, 40).Average(i => data[i, j])).ToArray();
        var s = Matrix<double>.Build.Dense(3, 3, (a, b) => Enumerable.Range(0, 40).Sum(i => (data[i, a] - m[a]) * (data[i, b] - m[b])) / 39);
        var inverse = s.Inverse();
        double[] actual = reference.SquaredDistances(query);
        for (int i = 0; i < 6; i++)
        {
            var d = Vector<double>.Build.Dense(3, j => query[i, j] - m[j]);
            Assert.Equal(d * inverse * d, actual[i], 9);
        }
    }

    [Fact]
    public void Singular_covariance_is_refused_in_strict_mode()
    {
        // Third column = first + second: rank 2.
        double[,] data = Fixtures.WithDependentColumn(Fixtures.Gaussian(30, 2, seed: 1));
        var error = Assert.Throws<SingularCovarianceException>(() => MahalanobisReference.Fit(data, new SampleCovariance()));
        Assert.Contains("condition number", error.Message);
        Assert.True(error.ConditionNumber > 1e10);
    }

    [Fact]
    public void Pseudo_inverse_drops_the_null_direction_and_reports_rank()
    {
        double[,] data = Fixtures.WithDependentColumn(Fixtures.Gaussian(30, 2, seed: 1));
        var reference = MahalanobisReference.Fit(data, new SampleCovariance(), CovarianceInversion.PseudoInverse);
        Assert.Equal(2, reference.Inversion.Rank);
        Assert.True(reference.Inversion.Regularised);
        // A point in the span of the data has the same distance as in the 2-D reference of the first two columns.
        var planar = MahalanobisReference.Fit(Fixtures.Gaussian(30, 2, seed: 1), new SampleCovariance());
        Assert.Equal(planar.SquaredDistance([1.0, -0.5]), reference.SquaredDistance([1.0, -0.5, 0.5]), 6);
    }

    [Fact]
    public void Ridge_brings_the_condition_number_to_the_limit_and_reports_it()
    {
        double[,] data = Fixtures.WithDependentColumn(Fixtures.Gaussian(30, 2, seed: 1));
        var reference = MahalanobisReference.Fit(data, new SampleCovariance(), new CovarianceInversion(InversionMode.Ridge, 100));
        double[] lambda = reference.Estimate.Covariance.Evd().EigenValues.Real().ToArray();
        double r = reference.Inversion.Ridge;
        Assert.True(r > 0);
        Assert.Equal(100, (lambda.Max() + r) / (lambda.Min() + r), 6);
    }

    [Fact]
    public void Well_conditioned_ridge_is_not_applied()
    {
        var reference = MahalanobisReference.Fit(TwoByTwo, new SampleCovariance(), CovarianceInversion.Ridge);
        Assert.Equal(0, reference.Inversion.Ridge);
        Assert.False(reference.Inversion.Regularised);
    }

    [Fact]
    public void Wrong_width_and_non_finite_input_are_named()
    {
        var reference = MahalanobisReference.Fit(TwoByTwo, new SampleCovariance());
        Assert.Contains("3 columns", Assert.Throws<ArgumentException>(() => reference.SquaredDistances(new double[1, 3])).Message);
        var bad = (double[,])TwoByTwo.Clone();
        bad[2, 1] = double.NaN;
        Assert.Contains("row 3, column 2", Assert.Throws<ArgumentException>(() => MahalanobisReference.Fit(bad, new SampleCovariance())).Message);
    }
}
