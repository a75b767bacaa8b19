namespace Normative.Ranking;

/// <summary>
/// Partial area under the ROC curve over the low false-positive range FPR in [0, m] (m = 0.1 by default): the part of
/// the curve a normative model is used in, where only a few controls may be flagged.
/// </summary>
/// <remarks>
/// Two numbers are reported. <see cref="PartialAuc.Raw"/> is the plain area, in [0, m]. <see cref="PartialAuc.Standardised"/>
/// is McClish's standardisation (McClish 1989, Medical Decision Making 9, 190-195),
/// 0.5 (1 + (A - m^2/2) / (m - m^2/2)), which maps the chance diagonal to 0.5 and a perfect curve to 1 like a full AUROC
/// (the convention of scikit-learn's <c>roc_auc_score(max_fpr=m)</c>); the ranking tables show the standardised value.
/// The curve is the empirical one with tied scores as diagonal segments (see <see cref="RocSweep"/>).
/// </remarks>
public static class PartialAreaUnderRoc
{
    /// <summary>The partial area of patients' against controls' scores (larger = more abnormal).</summary>
    /// <param name="controls">Scores of the negatives. At least one, finite.</param>
    /// <param name="patients">Scores of the positives. At least one, finite.</param>
    /// <param name="maxFpr">m. Range: (0, 1].</param>
    public static PartialAuc Compute(IReadOnlyList<double> controls, IReadOnlyList<double> patients, double maxFpr = 0.1)
    {
        RequireMaxFpr(maxFpr);
        double raw = new RocSweep(controls, patients).PartialArea(maxFpr);
        return new PartialAuc(raw, Standardise(raw, maxFpr), maxFpr);
    }

    /// <summary>McClish's 0.5 (1 + (A - m^2/2) / (m - m^2/2)); at m = 1 the area itself.</summary>
    public static double Standardise(double raw, double maxFpr)
    {
        RequireMaxFpr(maxFpr);
        double minimum = maxFpr * maxFpr / 2;
        return maxFpr == 1 ? raw : 0.5 * (1 + (raw - minimum) / (maxFpr - minimum));
    }

    private static void RequireMaxFpr(double maxFpr)
    {
        if (!(maxFpr > 0 && maxFpr <= 1)) throw new ArgumentOutOfRangeException(nameof(maxFpr), maxFpr, "The FPR limit must lie in (0, 1].");
    }
}

/// <summary>A partial AUROC over FPR in [0, <paramref name="MaxFpr"/>].</summary>
/// <param name="Raw">Area, in [0, MaxFpr].</param>
/// <param name="Standardised">McClish-standardised area: 0.5 = chance, 1 = perfect.</param>
/// <param name="MaxFpr">The FPR limit m.</param>
public sealed record PartialAuc(double Raw, double Standardised, double MaxFpr);
