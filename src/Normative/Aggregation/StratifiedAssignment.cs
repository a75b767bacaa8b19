using static TorchSharp.torch;

namespace Normative.Aggregation;

/// <summary>
/// Stratified choice of a mixture component for each subject of a batch: subjects with the same
/// weight row (the same observed modalities) are split across components in proportion to the
/// weights — n_k = floor(n w_k), the remaining subjects to the largest remainders, ties broken at
/// random — and the labels are then dealt out in a random order.
/// </summary>
/// <remarks>
/// Stratification removes the sampling noise of drawing components independently (a batch of 64
/// with 3 equal components always has 21/21/22); it is the MoPoE reference code's
/// mixture-component selection (Sutter et al., ICLR 2021), with the row order randomised so a
/// subject's component does not depend on its position. Every random choice uses the given
/// generator, so a seed fixes the assignment.
/// </remarks>
public static class StratifiedAssignment
{
    /// <summary>The component index of each subject.</summary>
    /// <param name="weights">Weights [n, K] (rows sum to 1).</param>
    /// <param name="generator">Random source; null uses torch's global generator.</param>
    public static long[] Assign(Tensor weights, Generator? generator = null)
    {
        int n = (int)weights.shape[0], k = (int)weights.shape[1];
        using var cpu = weights.detach().to(ScalarType.Float64, CPU);
        var w = cpu.data<double>().ToArray();
        var result = new long[n];
        var groups = Enumerable.Range(0, n).GroupBy(i => string.Join(";", Enumerable.Range(0, k).Select(j => w[i * k + j].ToString("R"))));
        foreach (var group in groups)
        {
            var rows = group.ToArray();
            var groupWeights = Enumerable.Range(0, k).Select(j => w[rows[0] * k + j]).ToArray();
            var labels = Counts(rows.Length, groupWeights, generator)
                .SelectMany((count, component) => Enumerable.Repeat((long)component, count)).ToArray();
            var order = Permutation(rows.Length, generator);
            for (int i = 0; i < rows.Length; i++) result[rows[i]] = labels[order[i]];
        }
        return result;
    }

    /// <summary>
    /// How many of <paramref name="n"/> subjects each component gets: floor(n w_k), plus one for the
    /// components with the largest remainders n w_k - floor(n w_k) (random among equal remainders).
    /// </summary>
    public static int[] Counts(int n, IReadOnlyList<double> weights, Generator? generator = null)
    {
        int k = weights.Count;
        var counts = new int[k];
        var remainder = new double[k];
        for (int j = 0; j < k; j++)
        {
            double exact = n * weights[j];
            counts[j] = (int)Math.Floor(exact + 1e-9);
            remainder[j] = weights[j] > 0 ? exact - counts[j] : double.NegativeInfinity;
        }
        int left = n - counts.Sum();
        var tieBreak = Permutation(k, generator);
        var byRemainder = Enumerable.Range(0, k).OrderByDescending(j => remainder[j]).ThenBy(j => tieBreak[j]);
        foreach (var j in byRemainder.Take(left)) counts[j]++;
        return counts;
    }

    private static long[] Permutation(int n, Generator? generator)
    {
        using var perm = randperm(n, device: generator?.device ?? CPU, generator: generator).cpu();
        return perm.data<long>().ToArray();
    }
}
