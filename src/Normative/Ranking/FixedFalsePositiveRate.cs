namespace Normative.Ranking;

/// <summary>
/// Sensitivity at a fixed false-positive rate alpha: the threshold t is the control-score order statistic
/// c_(k), k = ceil((1 - alpha) n), of the n reference controls sorted ascending, and a subject is flagged when its
/// score is strictly above t. At most floor(alpha n) reference controls then lie above t, so the observed FPR on
/// those controls never exceeds alpha; TPR is the fraction of patients above t.
/// </summary>
/// <remarks>
/// This is the point of the empirical ROC curve at FPR &lt;= alpha (no interpolation between points). With 48
/// held-out controls and alpha = 0.01, k = 48 and t is the largest control score, so the 1 % column can be read only
/// against a large control set: the ranking tables take the threshold from the calibration controls when the
/// cohort has them, and from the held-out controls otherwise (the table says which).
/// </remarks>
public static class FixedFalsePositiveRate
{
    /// <summary>The threshold c_(k) of <paramref name="controls"/> at <paramref name="alpha"/>.</summary>
    /// <param name="controls">Reference control scores. At least one, finite.</param>
    /// <param name="alpha">Target FPR. Range: (0, 1).</param>
    public static double Threshold(IReadOnlyList<double> controls, double alpha)
    {
        ArgumentNullException.ThrowIfNull(controls);
        if (controls.Count == 0) throw new ArgumentException("The threshold needs at least one control score.", nameof(controls));
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must lie in (0, 1).");
        var sorted = controls.ToArray();
        foreach (double s in sorted)
            if (!double.IsFinite(s)) throw new ArgumentException($"A control score is {s}; every score must be finite.", nameof(controls));
        Array.Sort(sorted);
        // The small tolerance keeps (1 - 0.01) * 2000 = 1980.0000000000002 from rounding up to 1981.
        int k = (int)Math.Ceiling((1 - alpha) * sorted.Length - 1e-9);
        return sorted[Math.Clamp(k, 1, sorted.Length) - 1];
    }

    /// <summary>Fraction of <paramref name="scores"/> strictly above <paramref name="threshold"/>.</summary>
    public static double FractionAbove(IReadOnlyList<double> scores, double threshold)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count == 0) throw new ArgumentException("No scores.", nameof(scores));
        return scores.Count(s => s > threshold) / (double)scores.Count;
    }

    /// <summary>TPR of <paramref name="patients"/> at the threshold that <paramref name="controls"/> give at <paramref name="alpha"/>.</summary>
    public static double TruePositiveRate(IReadOnlyList<double> controls, IReadOnlyList<double> patients, double alpha) =>
        FractionAbove(patients, Threshold(controls, alpha));
}
