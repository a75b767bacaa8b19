using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using MathNet.Numerics.Random;
using MathNet.Numerics.Statistics;

namespace Normative.Deviation;

/// <summary>
/// Robust location and covariance by the Minimum Covariance Determinant: the h-subset H of the n
/// reference vectors whose covariance has the smallest determinant, found by FastMCD — random
/// starts improved by C-steps (H_new = the h vectors with the smallest d^2 under the current
/// (T_H, S_H); det S never increases). The raw S_H is scaled by the consistency factor
/// c = median_i d_i^2 / chi2_p^-1(0.5); vectors with d_i^2 / c &lt; chi2_p^-1(0.975) are kept, and the
/// final estimate is their mean and maximum-likelihood covariance (reweighting step).
/// </summary>
/// <remarks>
/// This is the estimator the authors' code uses for outlier p-values (scikit-learn <c>MinCovDet</c>,
/// <c>random_state=42</c>; domain-notes §0 item 1), and it follows scikit-learn's choices: default
/// h = ceil((n + p + 1)/2), 30 random h-subsets with two C-steps each, the 10 best iterated to
/// convergence, covariances with divisor h, and no second consistency factor after reweighting
/// (optional here). scikit-learn's nested sub-sampling for n &gt; 500 is a speed device and is not
/// used: every start runs on the full data, which costs more but searches the same objective.
/// References: P. J. Rousseeuw, K. Van Driessen, "A fast algorithm for the minimum covariance
/// determinant estimator", Technometrics 41 (1999) 212-223; C. Croux, G. Haesbroeck, "Influence
/// function and efficiency of the minimum covariance determinant scatter matrix estimator",
/// Journal of Multivariate Analysis 71 (1999) 161-190.
/// </remarks>
public sealed class MinimumCovarianceDeterminant : ICovarianceEstimator
{
    private const double ReweightingTail = 0.025;

    /// <summary>Squared Cholesky pivots below this fraction of the largest mean a numerically singular subset covariance.</summary>
    private const double SingularPivotRatio = 1e-12;

    /// <param name="options">Seed and search settings; null = <see cref="McdOptions"/> defaults.</param>
    public MinimumCovarianceDeterminant(McdOptions? options = null)
    {
        Options = options ?? new McdOptions();
        if (Options.Trials < 1) throw new ArgumentOutOfRangeException(nameof(options), Options.Trials, "Trials must be >= 1.");
        if (Options.BestCandidates < 1) throw new ArgumentOutOfRangeException(nameof(options), Options.BestCandidates, "BestCandidates must be >= 1.");
        if (Options.MaxIterations < 1) throw new ArgumentOutOfRangeException(nameof(options), Options.MaxIterations, "MaxIterations must be >= 1.");
        if (Options.SupportFraction is { } f && !(f > 0 && f <= 1))
            throw new ArgumentOutOfRangeException(nameof(options), f, "SupportFraction must lie in (0, 1].");
    }

    /// <summary>The settings this estimator runs with.</summary>
    public McdOptions Options { get; }

    /// <inheritdoc/>
    public CovarianceEstimatorKind Kind => CovarianceEstimatorKind.MinimumCovarianceDeterminant;

    /// <summary>Size h of the raw support for n vectors in p dimensions under these options.</summary>
    public int SupportSize(int n, int p) =>
        Options.SupportFraction is { } f ? (int)Math.Floor(f * n) : (int)Math.Ceiling(0.5 * (n + p + 1));

    /// <inheritdoc/>
    public CovarianceEstimate Fit(double[,] data)
    {
        var x = ArrayInput.ReferenceMatrix(data, 2, "MCD", nameof(data));
        int n = x.RowCount, p = x.ColumnCount;
        int h = SupportSize(n, p);
        if (h <= p || h > n)
            throw new ArgumentException(
                $"MCD needs a support of h vectors with p < h <= n; got h = {h} for n = {n} rows and p = {p} columns. Use more reference vectors or fewer dimensions.",
                nameof(data));

        var random = new MersenneTwister(Options.Seed);
        var starts = new List<Candidate>(Options.Trials);
        for (int t = 0; t < Options.Trials; t++)
        {
            int[] permutation = Combinatorics.GeneratePermutation(n, random);
            starts.Add(Iterate(x, FitSubset(x, permutation[..h]), h, iterations: 2));
        }
        Candidate best = starts.OrderBy(c => c.LogDeterminant)
            .Take(Options.BestCandidates)
            .Select(c => Iterate(x, c, h, Options.MaxIterations))
            .OrderBy(c => c.LogDeterminant)
            .First();
        if (best.Cholesky is null)
            throw new SingularCovarianceException(
                $"MCD found an exact fit: {h} of the {n} reference vectors lie on a hyperplane, so their covariance is singular. " +
                "Check for constant or linearly dependent columns, or raise the support fraction.", double.PositiveInfinity);

        // Consistency at the normal model for the raw estimate, then reweighting.
        double[] rawDistances = SquaredDistances(x, best.Location, best.Cholesky);
        double consistency = rawDistances.Median() / ChiSquared.InvCDF(p, 0.5);
        double cutoff = ChiSquared.InvCDF(p, 1 - ReweightingTail);
        bool[] kept = rawDistances.Select(d => d / consistency < cutoff).ToArray();
        var (location, covariance) = SampleCovariance.Moments(Rows(x, Indices(kept)), ddof: 0);
        if (Options.CorrectReweighted)
            covariance *= (1 - ReweightingTail) / ChiSquared.CDF(p + 2, cutoff);

        bool[] rawSupport = new bool[n];
        foreach (int i in best.Support) rawSupport[i] = true;
        return new CovarianceEstimate(Kind, location, covariance, n)
        {
            Support = kept,
            RawSupport = rawSupport,
            ConsistencyFactor = consistency,
        };
    }

    /// <summary>A subset's mean, ML covariance, its Cholesky factor (null when singular) and log det.</summary>
    private sealed record Candidate(int[] Support, Vector<double> Location, Cholesky<double>? Cholesky, double LogDeterminant);

    private static Candidate FitSubset(Matrix<double> x, int[] support)
    {
        var (location, covariance) = SampleCovariance.Moments(Rows(x, support), ddof: 0);
        try
        {
            var cholesky = covariance.Cholesky();
            Vector<double> pivots = cholesky.Factor.Diagonal().PointwisePower(2);
            // Rounding can leave a singular covariance with tiny positive pivots; treat those as singular too.
            if (pivots.Minimum() > SingularPivotRatio * pivots.Maximum())
                return new Candidate(support, location, cholesky, cholesky.DeterminantLn);
        }
        catch (ArgumentException)
        {
            // Not positive definite: handled below.
        }
        // An exact fit: the h vectors lie on a hyperplane, the smallest possible determinant.
        return new Candidate(support, location, null, double.NegativeInfinity);
    }

    /// <summary>C-steps from <paramref name="start"/> until the determinant stops decreasing or the limit is hit.</summary>
    private static Candidate Iterate(Matrix<double> x, Candidate start, int h, int iterations)
    {
        Candidate current = start;
        for (int step = 0; step < iterations && current.Cholesky is not null; step++)
        {
            double[] distances = SquaredDistances(x, current.Location, current.Cholesky);
            int[] support = Enumerable.Range(0, x.RowCount).OrderBy(i => distances[i]).ThenBy(i => i).Take(h).ToArray();
            Candidate next = FitSubset(x, support);
            // C-step theorem: det never increases; equality means convergence.
            if (!(next.LogDeterminant < current.LogDeterminant - 1e-12 * Math.Max(1, Math.Abs(current.LogDeterminant))))
                return next.LogDeterminant <= current.LogDeterminant ? next : current;
            current = next;
        }
        return current;
    }

    private static double[] SquaredDistances(Matrix<double> x, Vector<double> location, Cholesky<double> cholesky)
    {
        Matrix<double> centeredT = SampleCovariance.Center(x, location).Transpose();
        Matrix<double> solved = cholesky.Solve(centeredT);
        return centeredT.PointwiseMultiply(solved).ColumnSums().ToArray();
    }

    private static int[] Indices(bool[] mask) => Enumerable.Range(0, mask.Length).Where(i => mask[i]).ToArray();

    private static Matrix<double> Rows(Matrix<double> x, int[] rows)
    {
        var result = Matrix<double>.Build.Dense(rows.Length, x.ColumnCount);
        for (int j = 0; j < x.ColumnCount; j++)
            for (int r = 0; r < rows.Length; r++) result[r, j] = x[rows[r], j];
        return result;
    }
}
