namespace Normative.Deviation;

/// <summary>
/// Earth mover's distance between two 1-D samples: the Wasserstein-1 distance between their
/// empirical distributions, W1 = integral |F_a(t) - F_b(t)| dt (paper Fig. 4, held-out control vs
/// patient D_mf). Computed exactly on the raw samples, with no histogram binning.
/// </summary>
/// <remarks>
/// Between consecutive values t_k &lt; t_{k+1} of the pooled sorted samples both empirical CDFs are
/// constant, so W1 = sum_k |F_a(t_k) - F_b(t_k)| (t_{k+1} - t_k). Equals scipy's
/// <c>wasserstein_distance</c>; in the units of the data, so distances on D^2 of different
/// dimensionality are not comparable without rescaling.
/// </remarks>
public static class EarthMoversDistance
{
    /// <summary>W1 between the empirical distributions of <paramref name="first"/> and <paramref name="second"/> (each non-empty, finite).</summary>
    public static double Compute(IReadOnlyList<double> first, IReadOnlyList<double> second)
    {
        ArrayInput.RequireFinite(first, nameof(first));
        ArrayInput.RequireFinite(second, nameof(second));
        ArrayInput.RequireCount(first, 1, nameof(first));
        ArrayInput.RequireCount(second, 1, nameof(second));
        double[] a = first.OrderBy(v => v).ToArray();
        double[] b = second.OrderBy(v => v).ToArray();
        double[] pooled = a.Concat(b).OrderBy(v => v).ToArray();

        double distance = 0;
        int ia = 0, ib = 0;
        for (int k = 0; k < pooled.Length - 1; k++)
        {
            double t = pooled[k];
            while (ia < a.Length && a[ia] <= t) ia++;
            while (ib < b.Length && b[ib] <= t) ib++;
            double gap = Math.Abs((double)ia / a.Length - (double)ib / b.Length);
            distance += gap * (pooled[k + 1] - t);
        }
        return distance;
    }
}
