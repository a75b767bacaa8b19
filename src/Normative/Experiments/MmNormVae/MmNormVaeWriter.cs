using System.Globalization;

namespace Normative.Experiments.MmNormVae;

/// <summary>
/// Writes an <see cref="MmNormVaeResult"/>: <c>mmnormvae.json</c> (the whole result, schema
/// data-schemas/mmnormvae-results.schema.json), <c>tables/mmnormvae_{regions,groups,cognition,training,planted}.csv</c>,
/// <c>run.json</c> and <c>report.md</c>.
/// </summary>
public static class MmNormVaeWriter
{
    public const string ResultFileName = "mmnormvae.json";

    public static void Write(MmNormVaeResult result, string folder)
    {
        ArgumentNullException.ThrowIfNull(result);
        string tables = Path.Combine(folder, "tables");
        Directory.CreateDirectory(tables);
        ResultFiles.WriteJson(Path.Combine(folder, ResultFileName), result);
        ResultFiles.WriteJson(Path.Combine(folder, "run.json"), result.Run);
        ResultFiles.WriteCsv(Path.Combine(tables, "mmnormvae_regions.csv"),
            ["handling", "method", "seed", "modality", "region", "group", "n", "mean_deviation", "frequency_uncorrected", "frequency_fdr"],
            result.Regions.Select(r => (IReadOnlyList<object?>)[r.Handling, r.Method, r.Seed, r.Modality, r.Region, r.Group, r.Subjects, r.MeanDeviation, r.FrequencyUncorrected, r.FrequencyFdr]));
        ResultFiles.WriteCsv(Path.Combine(tables, "mmnormvae_groups.csv"),
            ["handling", "method", "seed", "group", "n", "significant_regions", "mean_frequency_uncorrected", "mean_frequency_fdr", "mean_deviation", "latent_outlier_rate", "feature_outlier_rate"],
            result.Groups.Select(g => (IReadOnlyList<object?>)[g.Handling, g.Method, g.Seed, g.Group, g.Subjects, g.SignificantRegions, g.MeanFrequencyUncorrected, g.MeanFrequencyFdr, g.MeanDeviation, g.LatentOutlierRate, g.FeatureOutlierRate]));
        ResultFiles.WriteCsv(Path.Combine(tables, "mmnormvae_cognition.csv"),
            ["handling", "method", "seed", "deviation", "n", "r", "p", "ci_lower", "ci_upper"],
            result.Cognition.Select(c => (IReadOnlyList<object?>)[c.Handling, c.Method, c.Seed, c.Deviation, c.Subjects, c.R, c.PValue, c.Lower, c.Upper]));
        ResultFiles.WriteCsv(Path.Combine(tables, "mmnormvae_training.csv"),
            ["handling", "method", "seeds", "stacked", "train_controls", "epochs", "seconds"],
            result.TrainingTimes.Select(t => (IReadOnlyList<object?>)[t.Handling, t.Method, string.Join(" ", t.Seeds), t.Stacked, t.TrainControls, t.Epochs, t.Seconds]));
        ResultFiles.WriteCsv(Path.Combine(tables, "mmnormvae_planted.csv"),
            ["handling", "method", "seed", "group", "planted_regions", "other_regions", "auroc", "auroc_note", "spearman", "planted_above_norm"],
            result.PlantedTruth.Select(p => (IReadOnlyList<object?>)[p.Handling, p.Method, p.Seed, p.Group, p.PlantedRegions, p.OtherRegions,
                p.Recovery.Auroc, p.Recovery.AurocNote, p.Recovery.Spearman, p.Recovery.SignAgreement]));
        File.WriteAllText(Path.Combine(folder, "report.md"), ToMarkdown(result));
    }

    /// <summary>The report: studies, training wall times, group summaries, ADAS13 correlations and the most deviating regions (first seed).</summary>
    public static string ToMarkdown(MmNormVaeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var s = result.Studies;
        int seed = result.Seeds[0];
        string F(double v, string format = "0.000") => v.ToString(format, CultureInfo.InvariantCulture);
        var lines = new List<string>
        {
            "# mmNormVAE: three FreeSurfer feature sets, trained on one study, applied to another",
            "",
            $"Configuration `{result.Configuration}`, latent size {result.LatentDim}, alpha {F(result.Alpha, "0.###")}, seeds {string.Join(", ", result.Seeds)} (tables below: seed {seed}; every seed in tables/*.csv). Wall time {F(result.Run.WallSeconds, "0")} s.",
            "",
            $"- Control study `{s.ControlStudy}`: {s.TrainControls} training and {s.ControlHoldout} held-out controls at {string.Join(", ", s.ControlSites)}.",
            $"- Clinical study `{s.ClinicalStudy}`: {s.AdaptationControls} adaptation controls (used only to adapt the harmonisation), {s.ClinicalControls} held-out controls, patients {string.Join(", ", s.Patients.Select(p => $"{p.Key} {p.Value}"))} at {string.Join(", ", s.ClinicalSites)}.",
            $"- Feature sets: {string.Join(", ", s.FeatureSets.Select(f => $"{f.Key} ({f.Value} regions)"))}.",
            "- Handling `none`: the clinical study z-scored with the control study's statistics, its scanner shift left in. `combat_adapted`: ComBat fitted on the control study's training controls only, each clinical site then adapted from its adaptation controls.",
            "",
            "## Training wall time",
            "",
            "| Handling | Method | Seeds | Stacked | Controls | Epochs | Seconds |",
            "|---|---|---|---|---:|---:|---:|",
        };
        lines.AddRange(result.TrainingTimes.Select(t => $"| {t.Handling} | {t.Method} | {string.Join(",", t.Seeds)} | {(t.Stacked ? "yes" : "no")} | {t.TrainControls} | {t.Epochs} | {F(t.Seconds, "0.0")} |"));
        lines.AddRange(
        [
            "",
            "## Deviations by group",
            "",
            "Regional deviation = z-score of a region's reconstruction error against the training controls' errors. Frequency = fraction of the group whose one-sided p = 1 - Phi(z) is below alpha in a region, averaged over regions (calibrated controls: alpha uncorrected). Significant regions: one-sample t-test of the group's deviations against 0, Benjamini-Hochberg across regions, mean above 0.",
            "",
            "| Handling | Method | Group | n | Significant regions | Frequency (uncorrected) | Frequency (FDR) | Mean deviation | Latent outliers | Feature outliers |",
            "|---|---|---|---:|---:|---:|---:|---:|---:|---:|",
        ]);
        foreach (var h in result.Handlings)
            foreach (var m in result.Methods)
                foreach (var g in MmNormVaeResult.GroupOrder)
                    if (result.Groups.FirstOrDefault(x => x.Handling == h && x.Method == m && x.Seed == seed && x.Group == g) is { } row)
                        lines.Add($"| {h} | {m} | {g} | {row.Subjects} | {row.SignificantRegions} | {F(row.MeanFrequencyUncorrected)} | {F(row.MeanFrequencyFdr)} | {F(row.MeanDeviation)} | {F(row.LatentOutlierRate)} | {F(row.FeatureOutlierRate)} |");
        lines.AddRange(
        [
            "",
            "## Correlation with ADAS13 (patients)",
            "",
            "Pearson r with Fisher's 95 % interval; mean_regional = mean regional deviation over all regions, d_mf / d_ml = squared Mahalanobis distances.",
            "",
            "| Handling | Method | Deviation | n | r [95 % CI] | p |",
            "|---|---|---|---:|---|---:|",
        ]);
        lines.AddRange(result.Cognition.Where(c => c.Seed == seed)
            .Select(c => $"| {c.Handling} | {c.Method} | {c.Deviation} | {c.Subjects} | {F(c.R)} [{F(c.Lower)}, {F(c.Upper)}] | {c.PValue.ToString("G3", CultureInfo.InvariantCulture)} |"));
        lines.AddRange(
        [
            "",
            "## Planted truth: do the maps find the planted regions?",
            "",
            $"Per patient group, regions planted with an effect of at least {F(PlantedTruthValidation.DefaultPlantedThreshold, "0.0")} training-control sd (|E| / ICV / sd, averaged over the group) against the others: AUROC of the mean regional deviation, its Spearman correlation with the planted magnitude, and the fraction of planted regions deviating above the norm. The deviation has no sign (ventricles enlarge, tissue shrinks), so it is compared with the magnitude.",
            "",
            "| Handling | Method | Group | Planted / other | AUROC | Spearman | Planted above norm |",
            "|---|---|---|---:|---:|---:|---:|",
        ]);
        string Optional(double? v) => v is double x ? F(x) : "—";
        lines.AddRange(result.PlantedTruth.Where(p => p.Seed == seed).Select(p =>
            $"| {p.Handling} | {p.Method} | {p.Group} | {p.PlantedRegions} / {p.OtherRegions} | {(p.Recovery.Auroc is double a ? F(a) : p.Recovery.AurocNote ?? "—")} | {Optional(p.Recovery.Spearman)} | {Optional(p.Recovery.SignAgreement)} |"));
        lines.AddRange(["", "## Most deviating regions in CDR >= 1", "", "| Handling | Method | Regions (mean deviation; frequency FDR) |", "|---|---|---|"]);
        foreach (var h in result.Handlings)
            foreach (var m in result.Methods)
            {
                var top = result.Regions.Where(r => r.Handling == h && r.Method == m && r.Seed == seed && r.Group == "cdr1plus")
                    .OrderByDescending(r => r.MeanDeviation).Take(8).Select(r => $"{r.Region} ({F(r.MeanDeviation, "0.00")}; {F(r.FrequencyFdr, "0.00")})");
                lines.Add($"| {h} | {m} | {string.Join(", ", top)} |");
            }
        return string.Join("\n", lines) + "\n";
    }
}
