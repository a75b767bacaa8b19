namespace Normative.Ranking;

/// <summary>
/// How well one method's score separates patients from controls, averaged over its seeds, with stratified bootstrap
/// intervals: AUROC and McClish-standardised partial AUROC (FPR &lt;= <see cref="MaxFpr"/>), each the mean over seeds of
/// the per-seed value; the interval resamples subjects (the same subjects for every seed) and recomputes that mean.
/// </summary>
public sealed record Discrimination(
    double Auroc,
    double AurocLower,
    double AurocUpper,
    double PartialAuroc,
    double PartialAurocLower,
    double PartialAurocUpper,
    double PartialAurocRaw,
    double MaxFpr,
    int Controls,
    int Patients,
    int Seeds,
    int Replicates,
    double Level)
{
    /// <summary>Computes the estimates and their intervals for <paramref name="scores"/>.</summary>
    public static Discrimination Compute(SeedScores scores, BootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Compute(scores, options, BootstrapReplicates.Draw(scores.ControlCount, scores.PatientCount, options));
    }

    /// <summary>As <see cref="Compute(SeedScores, BootstrapOptions)"/> with replicates drawn earlier for these group sizes
    /// (<see cref="BootstrapReplicates.Cache"/>): the same numbers, bit for bit.</summary>
    internal static Discrimination Compute(SeedScores scores, BootstrapOptions options, BootstrapReplicates replicates)
    {
        if (replicates.Controls != scores.ControlCount || replicates.Patients != scores.PatientCount || replicates.Weights.Count != options.Replicates)
            throw new ArgumentException($"Replicates of {replicates.Controls} controls and {replicates.Patients} patients for scores of {scores.ControlCount} and {scores.PatientCount}.", nameof(replicates));
        var sweeps = scores.Sweeps();
        double auroc = sweeps.Average(s => s.Area());
        double raw = sweeps.Average(s => s.PartialArea(options.MaxFpr));
        var aurocs = new double[options.Replicates];
        var partials = new double[options.Replicates];
        var areas = new (double Full, double Partial)[sweeps.Length];
        for (int b = 0; b < aurocs.Length; b++)
        {
            // Area and partial area of every seed in one walk each; averaged over seeds in seed order as before.
            for (int s = 0; s < sweeps.Length; s++) areas[s] = sweeps[s].Areas(options.MaxFpr, replicates.Weights[b], scores.ControlCount, scores.PatientCount);
            aurocs[b] = areas.Average(a => a.Full);
            partials[b] = PartialAreaUnderRoc.Standardise(areas.Average(a => a.Partial), options.MaxFpr);
        }
        var (al, au) = StratifiedBootstrap.Percentiles(aurocs, options.Level);
        var (pl, pu) = StratifiedBootstrap.Percentiles(partials, options.Level);
        return new Discrimination(auroc, al, au, PartialAreaUnderRoc.Standardise(raw, options.MaxFpr), pl, pu, raw, options.MaxFpr,
            scores.ControlCount, scores.PatientCount, scores.Seeds, options.Replicates, options.Level);
    }
}
