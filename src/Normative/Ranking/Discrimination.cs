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
        var sweeps = scores.Sweeps();
        double auroc = sweeps.Average(s => s.Area());
        double raw = sweeps.Average(s => s.PartialArea(options.MaxFpr));
        var aurocs = new double[options.Replicates];
        var partials = new double[options.Replicates];
        int b = 0;
        foreach (var weights in StratifiedBootstrap.Weights(scores.ControlCount, scores.PatientCount, options.Replicates, options.Seed))
        {
            aurocs[b] = sweeps.Average(s => s.Area(weights));
            partials[b] = PartialAreaUnderRoc.Standardise(sweeps.Average(s => s.PartialArea(options.MaxFpr, weights)), options.MaxFpr);
            b++;
        }
        var (al, au) = StratifiedBootstrap.Percentiles(aurocs, options.Level);
        var (pl, pu) = StratifiedBootstrap.Percentiles(partials, options.Level);
        return new Discrimination(auroc, al, au, PartialAreaUnderRoc.Standardise(raw, options.MaxFpr), pl, pu, raw, options.MaxFpr,
            scores.ControlCount, scores.PatientCount, scores.Seeds, options.Replicates, options.Level);
    }
}
