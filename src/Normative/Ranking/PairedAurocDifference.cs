namespace Normative.Ranking;

/// <summary>
/// ΔAUROC = mean over seeds of AUROC(method) - mean over seeds of AUROC(reference), both on the same controls and
/// patients, with a paired stratified bootstrap interval: each replicate resamples the subjects once and recomputes
/// both methods' seed means on that one resample, so subject-level noise common to both cancels. A method is
/// <see cref="AurocComparison.Better"/> only when the whole interval lies above 0, <see cref="AurocComparison.Worse"/>
/// only when it lies below.
/// </summary>
/// <remarks>
/// When both methods were trained with the same seeds, the difference of seed means is the mean of the per-seed
/// differences (same seed, same cohort). A reference that does not depend on a seed (the no-model baseline) has one
/// score vector, which every seed of the method is compared with. The bootstrap interval of a paired AUC difference
/// is the nonparametric alternative to DeLong, DeLong &amp; Clarke-Pearson (1988), Biometrics 44, 837-845, whose
/// variance the tests use as a check.
/// </remarks>
public static class PairedAurocDifference
{
    /// <summary>Compares <paramref name="method"/> with <paramref name="reference"/> (same subjects, in the same order).</summary>
    public static AurocDifference Compute(SeedScores method, SeedScores reference, BootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (method.ControlCount != reference.ControlCount || method.PatientCount != reference.PatientCount)
            throw new ArgumentException($"A paired comparison needs the same subjects: {method.ControlCount} vs {reference.ControlCount} controls, " +
                $"{method.PatientCount} vs {reference.PatientCount} patients.", nameof(reference));
        return Compute(method, reference, options, BootstrapReplicates.Draw(method.ControlCount, method.PatientCount, options));
    }

    /// <summary>As <see cref="Compute(SeedScores, SeedScores, BootstrapOptions)"/> with replicates drawn earlier for these
    /// group sizes (<see cref="BootstrapReplicates.Cache"/>): the same numbers, bit for bit.</summary>
    internal static AurocDifference Compute(SeedScores method, SeedScores reference, BootstrapOptions options, BootstrapReplicates draws)
    {
        if (draws.Controls != method.ControlCount || draws.Patients != method.PatientCount || draws.Weights.Count != options.Replicates
            || method.ControlCount != reference.ControlCount || method.PatientCount != reference.PatientCount)
            throw new ArgumentException($"Replicates of {draws.Controls} controls and {draws.Patients} patients for scores of {method.ControlCount} and {method.PatientCount}.", nameof(draws));
        var a = method.Sweeps();
        var r = reference.Sweeps();
        double difference = a.Average(s => s.Area()) - r.Average(s => s.Area());
        var replicates = new double[options.Replicates];
        double nc = method.ControlCount, np = method.PatientCount;
        for (int b = 0; b < replicates.Length; b++)
        {
            var weights = draws.Weights[b];
            // Full areas only: a cut at FPR 1 is the whole curve.
            replicates[b] = a.Average(s => s.Areas(1.0, weights, nc, np).Full) - r.Average(s => s.Areas(1.0, weights, nc, np).Full);
        }
        var (lower, upper) = StratifiedBootstrap.Percentiles(replicates, options.Level);
        var verdict = lower > 0 ? AurocComparison.Better : upper < 0 ? AurocComparison.Worse : AurocComparison.NotDistinguishable;
        double mean = replicates.Average();
        double se = Math.Sqrt(replicates.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, replicates.Length - 1));
        return new AurocDifference(difference, lower, upper, se, verdict, method.Seeds, reference.Seeds, options.Replicates, options.Level);
    }
}

/// <summary>The verdict of a paired ΔAUROC interval.</summary>
public enum AurocComparison
{
    /// <summary>The interval includes 0.</summary>
    NotDistinguishable,

    /// <summary>The whole interval is above 0.</summary>
    Better,

    /// <summary>The whole interval is below 0.</summary>
    Worse,
}

/// <summary>A paired ΔAUROC with its bootstrap interval and standard error.</summary>
public sealed record AurocDifference(
    double Difference,
    double Lower,
    double Upper,
    double StandardError,
    AurocComparison Verdict,
    int MethodSeeds,
    int ReferenceSeeds,
    int Replicates,
    double Level);
