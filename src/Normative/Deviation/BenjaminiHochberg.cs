namespace Normative.Deviation;

/// <summary>
/// Benjamini-Hochberg false discovery rate control for m p-values: with p_(1) &lt;= ... &lt;= p_(m),
/// the adjusted value (q-value) is q_(i) = min_{j &gt;= i} min(1, m p_(j) / j), and hypothesis i is
/// rejected at level q when q_i &lt;= q — the same set as the step-up rule "reject p_(1..k) for the largest
/// k with p_(k) &lt;= k q / m".
/// </summary>
/// <remarks>
/// Applied across the regions of one modality and contrast (design §5, q = 0.05; the authors' code
/// uses q &lt; 0.1). Y. Benjamini, Y. Hochberg, "Controlling the false discovery rate: a practical
/// and powerful approach to multiple testing", JRSS B 57 (1995) 289-300.
/// </remarks>
public static class BenjaminiHochberg
{
    /// <summary>Adjusts <paramref name="pValues"/> (each in [0, 1]) and rejects at <paramref name="q"/>.</summary>
    public static FalseDiscoveryResult Adjust(IReadOnlyList<double> pValues, double q = 0.05)
    {
        ArgumentNullException.ThrowIfNull(pValues);
        if (!(q > 0 && q < 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "q must lie in (0, 1).");
        for (int i = 0; i < pValues.Count; i++)
        {
            if (!(pValues[i] >= 0 && pValues[i] <= 1))
                throw new ArgumentException($"'{nameof(pValues)}' entry {i + 1} is {pValues[i]}; p-values must lie in [0, 1].", nameof(pValues));
        }
        int m = pValues.Count;
        int[] order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ThenBy(i => i).ToArray();
        var adjusted = new double[m];
        double running = 1.0;
        for (int rank = m; rank >= 1; rank--)
        {
            int index = order[rank - 1];
            running = Math.Min(running, pValues[index] * m / rank);
            adjusted[index] = running;
        }
        return new FalseDiscoveryResult(adjusted, adjusted.Select(a => a <= q).ToArray(), q);
    }
}

/// <summary>Result of <see cref="BenjaminiHochberg"/>, in the order of the input p-values.</summary>
/// <param name="AdjustedPValues">BH q-values.</param>
/// <param name="Rejected">Whether each hypothesis is rejected at <paramref name="Level"/>.</param>
/// <param name="Level">The FDR level q.</param>
public sealed record FalseDiscoveryResult(IReadOnlyList<double> AdjustedPValues, IReadOnlyList<bool> Rejected, double Level);
