using MathNet.Numerics;
using MathNet.Numerics.Random;

namespace Normative.Deviation;

/// <summary>
/// Out-of-sample squared distances of the reference vectors themselves: split the n vectors into K
/// folds (seeded), refit the reference's estimator on the other K - 1 folds, and score each fold
/// against that fit. Each vector is then scored the way a new control is, which in-sample distances
/// are not (they are systematically smaller, by a factor that grows with p / n).
/// </summary>
/// <remarks>
/// The (1 - alpha) quantile of these distances is the threshold of
/// <see cref="ThresholdKind.CrossFittedQuantile"/>. A fit on (K - 1)/K of the data is slightly more
/// variable than the full fit the new subjects are scored against, so the threshold errs on the
/// conservative side. The idea is split-conformal / cross-conformal prediction (Vovk 2015, "Cross-conformal
/// predictors", Annals of Mathematics and Artificial Intelligence 74, 9-28).
/// </remarks>
public static class CrossFittedDistances
{
    /// <summary>D^2 of every row of <paramref name="reference"/> [n, p] against a fit that excluded its fold.</summary>
    /// <param name="reference">The reference vectors.</param>
    /// <param name="estimator">Estimator refitted on each training split.</param>
    /// <param name="inversion">Inversion policy of each refit.</param>
    /// <param name="folds">K. Range: 2 &lt;= K &lt;= n.</param>
    /// <param name="seed">Seed of the fold assignment.</param>
    public static double[] Compute(double[,] reference, ICovarianceEstimator estimator, CovarianceInversion inversion, int folds, int seed)
    {
        ArrayInput.RequireFinite(reference, nameof(reference));
        ArgumentNullException.ThrowIfNull(estimator);
        int n = reference.GetLength(0), p = reference.GetLength(1);
        int[] fold = FoldAssignment(n, folds, seed);

        var distances = new double[n];
        // The folds are independent refits (an estimator draws any randomness from its own seed inside Fit) writing
        // disjoint rows, so running them in parallel gives the same distances whatever the scheduling.
        DeterministicParallel.For(folds, k =>
        {
            int[] train = Enumerable.Range(0, n).Where(i => fold[i] != k).ToArray();
            int[] test = Enumerable.Range(0, n).Where(i => fold[i] == k).ToArray();
            var fit = MahalanobisReference.Fit(ArrayInput.Submatrix(reference, train), estimator, inversion);
            double[] d = fit.SquaredDistances(ArrayInput.Submatrix(reference, test));
            for (int t = 0; t < test.Length; t++) distances[test[t]] = d[t];
        });
        return distances;
    }

    /// <summary>
    /// The fold 0..K-1 of each of n items: a seeded random permutation dealt round-robin, so fold sizes differ by at
    /// most one. The one home of fold assignment (also of whole-pipeline cross-fitting, <c>Experiments.CrossFitting</c>).
    /// </summary>
    /// <param name="n">Items. Range: n &gt;= K.</param>
    /// <param name="folds">K. Range: 2 &lt;= K &lt;= n.</param>
    /// <param name="seed">Seed of the permutation.</param>
    public static int[] FoldAssignment(int n, int folds, int seed)
    {
        if (folds < 2 || folds > n) throw new ArgumentOutOfRangeException(nameof(folds), folds, $"Cross-fitting needs 2 <= K <= n = {n} folds.");
        int[] permutation = Combinatorics.GeneratePermutation(n, new MersenneTwister(seed));
        var fold = new int[n];
        for (int r = 0; r < n; r++) fold[permutation[r]] = r % folds;
        return fold;
    }
}
