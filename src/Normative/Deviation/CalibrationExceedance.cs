using Normative.Ranking;

namespace Normative.Deviation;

/// <summary>Where the observed exceedance rate lies relative to the rate calibrated scores would give.</summary>
public enum CalibrationVerdict
{
    /// <summary>The expected rate lies inside the interval of the observed one.</summary>
    Calibrated,

    /// <summary>More exceedances than expected, beyond the interval: the measure flags too many controls (anti-conservative).</summary>
    TooMany,

    /// <summary>Fewer exceedances than expected, beyond the interval: the measure is conservative.</summary>
    TooFew,
}

/// <summary>
/// Observed against nominal exceedance of one measure at one level alpha on a set of controls: how many values
/// crossed the alpha threshold (p &lt;= alpha for a distance's p-value, |z| &gt;= Φ^-1(1 - alpha/2) for a z-score),
/// with the exact (Clopper-Pearson) interval of the rate and the verdict of comparing it with
/// <see cref="Expected"/>, the rate calibrated scores give.
/// </summary>
/// <remarks>
/// Distances give one value per subject, independent across controls, so the interval is the exact binomial one.
/// A z-score family gives several correlated values per subject (regions of one brain move together), so its
/// interval is Clopper-Pearson at the effective sample size of the clustered proportion (Korn &amp; Graubard 1998,
/// <see cref="ClopperPearson.EffectiveInterval"/>), bounded below by the number of subjects (perfect correlation)
/// and above by the number of values (independence). Intervals are per cell: with many measures, levels and sites,
/// about 1 cell in 20 falls outside its 95 % interval by chance.
/// </remarks>
/// <param name="Alpha">Nominal level.</param>
/// <param name="Expected">The rate of calibrated scores: alpha for continuous p-values and z-scores; for empirical p-values
/// on a grid of step 1 / (n + 1) the exact floor(alpha (n + 1)) / (n + 1) (averaged over subjects).</param>
/// <param name="Subjects">Subjects that contributed a value.</param>
/// <param name="EffectiveTrials">The interval's sample size (= values for distances).</param>
/// <param name="Interval">The observed count k of n values, its rate and interval.</param>
public sealed record CalibrationExceedance(double Alpha, double Expected, int Subjects, double EffectiveTrials, ProportionInterval Interval)
{
    /// <summary>Values at or beyond the threshold.</summary>
    public int Exceeding => Interval.Successes;

    /// <summary>Values checked.</summary>
    public int Values => Interval.Trials;

    /// <summary>Observed rate k / n.</summary>
    public double Rate => Interval.Estimate;

    /// <summary>How <see cref="Expected"/> lies relative to the interval.</summary>
    public CalibrationVerdict Verdict =>
        Expected < Interval.Lower ? CalibrationVerdict.TooMany : Expected > Interval.Upper ? CalibrationVerdict.TooFew : CalibrationVerdict.Calibrated;

    /// <summary>
    /// The exceedance from per-subject counts: subject i had <paramref name="values"/>[i] values of which
    /// <paramref name="exceeding"/>[i] crossed the threshold. Subjects without values are ignored.
    /// </summary>
    /// <param name="alpha">Nominal level. Range: (0, 1).</param>
    /// <param name="expected">Rate of calibrated scores. Range: [0, 1].</param>
    /// <param name="level">Coverage of the interval. Range: (0, 1).</param>
    /// <exception cref="ArgumentException">No subject has a value, or the lists differ in length.</exception>
    public static CalibrationExceedance FromSubjects(double alpha, double expected, IReadOnlyList<int> exceeding, IReadOnlyList<int> values, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(exceeding);
        ArgumentNullException.ThrowIfNull(values);
        if (exceeding.Count != values.Count) throw new ArgumentException($"{exceeding.Count} exceedance counts for {values.Count} subjects.", nameof(exceeding));
        if (!(alpha > 0 && alpha < 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must lie in (0, 1).");
        if (!(expected >= 0 && expected <= 1)) throw new ArgumentOutOfRangeException(nameof(expected), expected, "The expected rate must lie in [0, 1].");
        var rows = Enumerable.Range(0, values.Count).Where(i => values[i] > 0).ToArray();
        if (rows.Length == 0) throw new ArgumentException("No subject has a value to check.", nameof(values));
        foreach (int i in rows)
        {
            if (exceeding[i] < 0 || exceeding[i] > values[i])
                throw new ArgumentOutOfRangeException(nameof(exceeding), exceeding[i], $"Subject {i}: {exceeding[i]} exceedances of {values[i]} values.");
        }
        int k = rows.Sum(i => exceeding[i]), n = rows.Sum(i => values[i]), subjects = rows.Length;
        if (n == subjects) return new CalibrationExceedance(alpha, expected, subjects, n, ClopperPearson.Interval(k, n, level));
        double effective = EffectiveSampleSize(rows.Select(i => (double)exceeding[i]).ToArray(), rows.Select(i => (double)values[i]).ToArray());
        return new CalibrationExceedance(alpha, expected, subjects, effective, ClopperPearson.EffectiveInterval(k, n, effective, level));
    }

    /// <summary>
    /// n* = p̂ (1 - p̂) / Var(p̂) of the ratio estimator p̂ = Σ k_i / Σ m_i over independent subjects, with the linearised
    /// variance Var(p̂) = s / (s - 1) Σ (k_i - p̂ m_i)^2 / (Σ m_i)^2 (Cochran 1977, Sampling Techniques, §6.9), clamped to
    /// [subjects, Σ m_i]; the subject count when p̂ is 0 or 1 (no information on the correlation, so the cautious bound).
    /// </summary>
    private static double EffectiveSampleSize(double[] k, double[] m)
    {
        int s = k.Length;
        double total = m.Sum(), p = k.Sum() / total;
        if (p <= 0 || p >= 1 || s < 2) return s;
        double sum = 0;
        for (int i = 0; i < s; i++) sum += (k[i] - p * m[i]) * (k[i] - p * m[i]);
        double variance = s / (s - 1.0) * sum / (total * total);
        if (!(variance > 0)) return total;
        return Math.Clamp(p * (1 - p) / variance, s, total);
    }
}
