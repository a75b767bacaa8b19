using System.Globalization;
using Normative.Ranking;

namespace Normative.Experiments;

/// <summary>
/// LR+ from counts pooled over seeds, k_p = sum_s k_p,s of n_p = S n_p patients flagged and k_c of n_c = S n_c controls,
/// with the MOVER-Wilson interval (<see cref="RatioOfProportions"/>) and the exact interval of the pooled FPR.
/// </summary>
/// <remarks>
/// Pooling the counts gives one finite ratio wherever any seed flagged a control, unlike the mean of per-seed ratios
/// (infinite as soon as one seed flagged none). The seeds score the same subjects, so the pooled intervals treat
/// S n flags as independent that are not: read them as lower bounds on the uncertainty when S &gt; 1.
/// </remarks>
public sealed record PooledLikelihoodRatio(int PatientOutliers, int Patients, int ControlOutliers, int Controls,
    RatioInterval Ratio, ProportionInterval FalsePositiveRate)
{
    public static PooledLikelihoodRatio Of(IReadOnlyList<bool[]> patientFlags, IReadOnlyList<bool[]> controlFlags, double level = 0.95)
    {
        int kp = patientFlags.Sum(f => f.Count(x => x)), np = patientFlags.Sum(f => f.Length);
        int kc = controlFlags.Sum(f => f.Count(x => x)), nc = controlFlags.Sum(f => f.Length);
        return new PooledLikelihoodRatio(kp, np, kc, nc, RatioOfProportions.MoverWilson(kp, np, kc, nc, level), ClopperPearson.Interval(kc, nc, level));
    }
}

/// <summary>
/// One row of the ranking tables: a method at one latent size (null for the no-model baseline) in one space, for one
/// patient stage ("all" or a stage code). AUROC / pAUC and TPR at fixed FPR are measured against
/// <see cref="ReferenceControls"/> (the calibration controls when the cohort has them, else the held-out ones); the
/// outlier flags at the reference's threshold (nominal alpha) give the observed FPR on both control sets and LR+.
/// </summary>
/// <param name="TruePositiveRateAtOnePercent">Mean over seeds of the TPR at the reference controls' 1 % threshold (<see cref="FixedFalsePositiveRate"/>).</param>
/// <param name="TruePositiveRateAtFivePercent">The same at 5 %.</param>
/// <param name="Holdout">LR+ and FPR against the held-out controls (the paper's definition), pooled over seeds.</param>
/// <param name="Calibration">The same against the calibration controls; null without them.</param>
public sealed record RankingRow(
    string Method,
    string MethodKey,
    string Family,
    int? LatentDim,
    DeviationSpace Space,
    string Stage,
    string ReferenceControls,
    int Seeds,
    Discrimination Discrimination,
    double TruePositiveRateAtOnePercent,
    double TruePositiveRateAtFivePercent,
    PooledLikelihoodRatio Holdout,
    PooledLikelihoodRatio? Calibration);

/// <summary>A paired ΔAUROC of a method against a reference method (the no-model baseline, or mmSIVAE-MoPoE at the same d).</summary>
public sealed record RankingComparison(
    string Method,
    string MethodKey,
    int LatentDim,
    DeviationSpace Space,
    string Stage,
    string Reference,
    string ReferenceKey,
    DeviationSpace ReferenceSpace,
    AurocDifference Difference);

/// <summary>
/// The ranking tables (issue 15/21): every method, latent size, space and patient stage with AUROC and partial AUROC
/// (bootstrap CIs), TPR at 1 % and 5 % FPR, observed FPR with exact CIs on the held-out and calibration controls and
/// LR+ from pooled counts; and paired ΔAUROC of every model against the no-model baseline and against mmSIVAE-MoPoE.
/// </summary>
public sealed record RankingTableResult(
    BootstrapOptions Bootstrap,
    double NominalAlpha,
    IReadOnlyList<RankingRow> Rows,
    IReadOnlyList<RankingComparison> Comparisons)
{
    /// <summary>The "all patients" stage code.</summary>
    public const string AllPatients = "all";

    /// <summary>Rows of <paramref name="stage"/> ("all" or a stage code).</summary>
    public IEnumerable<RankingRow> RowsOf(string stage) => Rows.Where(r => r.Stage == stage);

    /// <summary>
    /// The report's first paragraph: in numbers, whether any model beats the no-model baseline on this cohort (all
    /// patients, paired ΔAUROC whose CI excludes 0), and in which space.
    /// </summary>
    public string Headline()
    {
        var baseline = Rows.FirstOrDefault(r => r.MethodKey == BaselineEvaluation.Method.Key && r.Stage == AllPatients);
        if (baseline is null) return "No no-model baseline was scored, so no model is compared with what the data alone give.";
        var versus = Comparisons.Where(c => c.ReferenceKey == BaselineEvaluation.Method.Key && c.Stage == AllPatients).ToArray();
        string Describe(RankingComparison c) => Invariant($"{c.Method} d = {c.LatentDim} {SpaceName(c.Space)} (ΔAUROC {c.Difference.Difference:+0.000;-0.000;0.000} [{c.Difference.Lower:+0.000;-0.000;0.000}, {c.Difference.Upper:+0.000;-0.000;0.000}])");
        string text = Invariant($"The no-model baseline (Mahalanobis distance of the age- and sex-adjusted regional values) separates all patients from the {baseline.Discrimination.Controls} {baseline.ReferenceControls} controls with AUROC {baseline.Discrimination.Auroc:0.000} [{baseline.Discrimination.AurocLower:0.000}, {baseline.Discrimination.AurocUpper:0.000}]. ");
        foreach (var space in new[] { DeviationSpace.Latent, DeviationSpace.Feature })
        {
            var cells = versus.Where(c => c.Space == space).ToArray();
            if (cells.Length == 0) continue;
            var better = cells.Where(c => c.Difference.Verdict == AurocComparison.Better).OrderByDescending(c => c.Difference.Difference).ToArray();
            var worse = cells.Count(c => c.Difference.Verdict == AurocComparison.Worse);
            var best = cells.MaxBy(c => c.Difference.Difference)!;
            text += better.Length > 0
                ? Invariant($"In {SpaceName(space)}, {better.Length} of {cells.Length} model cells beat it (paired 95 % CI above 0), best {Describe(better[0])}; {worse} are worse. ")
                : Invariant($"In {SpaceName(space)}, no model cell beats it ({worse} of {cells.Length} are worse, the rest not distinguishable); the closest is {Describe(best)}. ");
        }
        return text.TrimEnd();
    }

    /// <summary>AUROC, pAUC, TPR at fixed FPR and ΔAUROC vs the baseline, all patients, one row per method, d and space.</summary>
    public string ToMarkdown()
    {
        var lines = new List<string>
        {
            Invariant($"AUROC and McClish-standardised partial AUROC (FPR ≤ {Bootstrap.MaxFpr}) against the reference controls, mean over seeds with stratified bootstrap {Bootstrap.Level:P0} CIs ({Bootstrap.Replicates} replicates, seed {Bootstrap.Seed}); TPR at the reference controls' 1 % / 5 % threshold; ΔAUROC vs the no-model baseline (its only distance, D_mf), paired over the same subjects: **better** / *worse* only where the CI excludes 0."),
            "",
            "| Method | d | Space | Controls | AUROC [95 % CI] | pAUC [95 % CI] | TPR @1 % | TPR @5 % | ΔAUROC vs baseline [95 % CI] |",
            "|---|---:|---|---|---:|---:|---:|---:|---:|",
        };
        foreach (var row in RowsOf(AllPatients))
        {
            var c = Comparisons.FirstOrDefault(x => x.ReferenceKey == BaselineEvaluation.Method.Key && x.Stage == AllPatients && x.MethodKey == row.MethodKey && x.LatentDim == row.LatentDim && x.Space == row.Space);
            var d = row.Discrimination;
            lines.Add(Invariant($"| {row.Method} | {(row.LatentDim is { } l ? l.ToString(CultureInfo.InvariantCulture) : "—")} | {SpaceName(row.Space)} | {row.ReferenceControls} | {d.Auroc:0.000} [{d.AurocLower:0.000}, {d.AurocUpper:0.000}] | {d.PartialAuroc:0.000} [{d.PartialAurocLower:0.000}, {d.PartialAurocUpper:0.000}] | {row.TruePositiveRateAtOnePercent:0.000} | {row.TruePositiveRateAtFivePercent:0.000} | {(c is null ? "—" : Delta(c.Difference))} |"));
        }
        return string.Join("\n", lines);
    }

    /// <summary>Observed FPR at the nominal alpha (exact CIs) and pooled LR+ (MOVER-Wilson CIs), held-out next to calibration controls.</summary>
    public string FalsePositiveMarkdown()
    {
        var lines = new List<string>
        {
            Invariant($"Outliers at the reference's threshold (nominal alpha = {NominalAlpha}); counts pooled over seeds; FPR with exact (Clopper-Pearson) 95 % CIs, LR+ = TPR / FPR with MOVER-Wilson 95 % CIs. Held-out: the paper's definition on its held-out controls; calibration: the large out-of-sample control set."),
            "",
            "| Method | d | Space | FPR held-out k/n [CI] | FPR calibration k/n [CI] | LR+ held-out [CI] | LR+ calibration [CI] |",
            "|---|---:|---|---:|---:|---:|---:|",
        };
        foreach (var row in RowsOf(AllPatients))
            lines.Add(Invariant($"| {row.Method} | {(row.LatentDim is { } l ? l.ToString(CultureInfo.InvariantCulture) : "—")} | {SpaceName(row.Space)} | {Fpr(row.Holdout)} | {(row.Calibration is { } c ? Fpr(c) : "—")} | {Ratio(row.Holdout)} | {(row.Calibration is { } r ? Ratio(r) : "—")} |"));
        return string.Join("\n", lines);
    }

    /// <summary>AUROC per patient stage, one row per method, d and space.</summary>
    public string StageMarkdown()
    {
        var stages = Rows.Select(r => r.Stage).Where(s => s != AllPatients).Distinct().ToArray();
        var lines = new List<string>
        {
            "| Method | d | Space | " + string.Join(" | ", stages.Select(s => $"AUROC {s} [95 % CI]")) + " |",
            "|---|---:|---|" + string.Concat(stages.Select(_ => "---:|")),
        };
        foreach (var row in RowsOf(AllPatients))
        {
            var cells = stages.Select(s => Rows.FirstOrDefault(r => r.Stage == s && r.MethodKey == row.MethodKey && r.LatentDim == row.LatentDim && r.Space == row.Space) is { } x
                ? Invariant($"{x.Discrimination.Auroc:0.000} [{x.Discrimination.AurocLower:0.000}, {x.Discrimination.AurocUpper:0.000}]") : "—");
            lines.Add($"| {row.Method} | {(row.LatentDim is { } l ? l.ToString(CultureInfo.InvariantCulture) : "—")} | {SpaceName(row.Space)} | " + string.Join(" | ", cells) + " |");
        }
        return string.Join("\n", lines);
    }

    /// <summary>Paired ΔAUROC against mmSIVAE-MoPoE at the same d and in the same space (all patients).</summary>
    public string MoPoEComparisonMarkdown()
    {
        var rows = Comparisons.Where(c => c.ReferenceKey != BaselineEvaluation.Method.Key && c.Stage == AllPatients).ToArray();
        if (rows.Length == 0) return "mmSIVAE (MoPoE) was not in the grid.";
        var lines = new List<string> { "| Method | d | Space | ΔAUROC vs mmSIVAE (MoPoE) [95 % CI] |", "|---|---:|---|---:|" };
        lines.AddRange(rows.Select(c => Invariant($"| {c.Method} | {c.LatentDim} | {SpaceName(c.Space)} | {Delta(c.Difference)} |")));
        return string.Join("\n", lines);
    }

    /// <summary>
    /// Writes <c>ranking.json</c>, <c>ranking.csv</c> (one row per method, d, space and stage) and
    /// <c>ranking_comparisons.csv</c> (one row per paired ΔAUROC) into <paramref name="folder"/>.
    /// </summary>
    public void Write(string folder)
    {
        ResultFiles.WriteJson(Path.Combine(folder, "ranking.json"), this);
        ResultFiles.WriteCsv(Path.Combine(folder, "ranking.csv"),
            ["method", "method_key", "family", "latent_dim", "space", "stage", "reference_controls", "seeds", "controls", "patients",
             "auroc", "auroc_lower", "auroc_upper", "pauc", "pauc_lower", "pauc_upper", "pauc_raw", "max_fpr",
             "tpr_at_fpr_0.01", "tpr_at_fpr_0.05",
             "holdout_control_outliers", "holdout_controls", "holdout_fpr", "holdout_fpr_lower", "holdout_fpr_upper",
             "calibration_control_outliers", "calibration_controls", "calibration_fpr", "calibration_fpr_lower", "calibration_fpr_upper",
             "patient_outliers", "patients_pooled", "lr_holdout", "lr_holdout_lower", "lr_holdout_upper",
             "lr_calibration", "lr_calibration_lower", "lr_calibration_upper"],
            Rows.Select(r => (IReadOnlyList<object?>)
            [
                r.Method, r.MethodKey, r.Family, r.LatentDim, DeviationHistogramsResult.SpaceCode(r.Space), r.Stage, r.ReferenceControls, r.Seeds,
                r.Discrimination.Controls, r.Discrimination.Patients,
                r.Discrimination.Auroc, r.Discrimination.AurocLower, r.Discrimination.AurocUpper,
                r.Discrimination.PartialAuroc, r.Discrimination.PartialAurocLower, r.Discrimination.PartialAurocUpper, r.Discrimination.PartialAurocRaw, r.Discrimination.MaxFpr,
                r.TruePositiveRateAtOnePercent, r.TruePositiveRateAtFivePercent,
                r.Holdout.ControlOutliers, r.Holdout.Controls, r.Holdout.FalsePositiveRate.Estimate, r.Holdout.FalsePositiveRate.Lower, r.Holdout.FalsePositiveRate.Upper,
                r.Calibration?.ControlOutliers, r.Calibration?.Controls, r.Calibration?.FalsePositiveRate.Estimate, r.Calibration?.FalsePositiveRate.Lower, r.Calibration?.FalsePositiveRate.Upper,
                r.Holdout.PatientOutliers, r.Holdout.Patients, r.Holdout.Ratio.Estimate, r.Holdout.Ratio.Lower, r.Holdout.Ratio.Upper,
                r.Calibration?.Ratio.Estimate, r.Calibration?.Ratio.Lower, r.Calibration?.Ratio.Upper,
            ]));
        ResultFiles.WriteCsv(Path.Combine(folder, "ranking_comparisons.csv"),
            ["method", "method_key", "latent_dim", "space", "stage", "reference", "reference_key", "reference_space",
             "delta_auroc", "delta_lower", "delta_upper", "standard_error", "verdict", "method_seeds", "reference_seeds"],
            Comparisons.Select(c => (IReadOnlyList<object?>)
            [
                c.Method, c.MethodKey, c.LatentDim, DeviationHistogramsResult.SpaceCode(c.Space), c.Stage, c.Reference, c.ReferenceKey,
                DeviationHistogramsResult.SpaceCode(c.ReferenceSpace), c.Difference.Difference, c.Difference.Lower, c.Difference.Upper,
                c.Difference.StandardError, Verdict(c.Difference.Verdict), c.Difference.MethodSeeds, c.Difference.ReferenceSeeds,
            ]));
    }

    internal static string SpaceName(DeviationSpace space) => space == DeviationSpace.Latent ? "D_ml" : "D_mf";

    private static string Verdict(AurocComparison verdict) => verdict switch
    {
        AurocComparison.Better => "better",
        AurocComparison.Worse => "worse",
        AurocComparison.NotDistinguishable => "not_distinguishable",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };

    private static string Delta(AurocDifference d)
    {
        string text = Invariant($"{d.Difference:+0.000;-0.000;0.000} [{d.Lower:+0.000;-0.000;0.000}, {d.Upper:+0.000;-0.000;0.000}]");
        return d.Verdict switch
        {
            AurocComparison.Better => $"**{text} better**",
            AurocComparison.Worse => $"*{text} worse*",
            _ => text,
        };
    }

    private static string Fpr(PooledLikelihoodRatio p) =>
        Invariant($"{p.ControlOutliers}/{p.Controls} = {p.FalsePositiveRate.Estimate:0.0000} [{p.FalsePositiveRate.Lower:0.0000}, {p.FalsePositiveRate.Upper:0.0000}]");

    private static string Ratio(PooledLikelihoodRatio p) =>
        $"{ResultFiles.Short(p.Ratio.Estimate)} [{ResultFiles.Short(p.Ratio.Lower)}, {ResultFiles.Short(p.Ratio.Upper)}] ({p.PatientOutliers}/{p.Patients} vs {p.ControlOutliers}/{p.Controls})";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
