using MathNet.Numerics;
using MathNet.Numerics.Random;
using Normative.Deviation;

namespace Normative.Tests.Deviation;

/// <summary>The cross-fitted distances, whose folds are refitted in parallel, against the sequential reference path.</summary>
public sealed class CrossFittedDistancesTests
{
    public static TheoryData<string> Estimators => new() { "sample", "ledoit-wolf", "mcd" };

    private static ICovarianceEstimator Create(string name) => name switch
    {
        "sample" => new SampleCovariance(),
        "ledoit-wolf" => new LedoitWolfCovariance(),
        "mcd" => new MinimumCovarianceDeterminant(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Estimators))]
    public void Parallel_folds_equal_the_sequential_refits_bit_for_bit(string name)
    {
        double[,] data = Fixtures.Gaussian(60, 4, seed: 13);
        const int folds = 6, seed = 5;
        double[] actual = CrossFittedDistances.Compute(data, Create(name), CovarianceInversion.Strict, folds, seed);

        // The reference path: the same seeded fold assignment, one refit per fold, one after another.
        int n = data.GetLength(0), p = data.GetLength(1);
        int[] permutation = Combinatorics.GeneratePermutation(n, new MersenneTwister(seed));
        var fold = new int[n];
        for (int r = 0; r < n; r++) fold[permutation[r]] = r % folds;
        var expected = new double[n];
        for (int k = 0; k < folds; k++)
        {
            int[] train = Enumerable.Range(0, n).Where(i => fold[i] != k).ToArray();
            var rows = new double[train.Length, p];
            for (int r = 0; r < train.Length; r++)
                for (int j = 0; j < p; j++) rows[r, j] = data[train[r], j];
            var fit = MahalanobisReference.Fit(rows, Create(name));
            for (int i = 0; i < n; i++)
                if (fold[i] == k) expected[i] = fit.SquaredDistance(Enumerable.Range(0, p).Select(j => data[i, j]).ToArray());
        }
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_failing_fold_throws_its_own_exception_not_an_aggregate()
    {
        // Two identical columns: every fold's covariance is singular, and the strict policy refuses it.
        double[,] data = Fixtures.Gaussian(30, 3, seed: 2);
        for (int i = 0; i < 30; i++) data[i, 2] = data[i, 1];
        Assert.Throws<SingularCovarianceException>(() => CrossFittedDistances.Compute(data, new SampleCovariance(), CovarianceInversion.Strict, 5, seed: 1));
    }
}
