using System.Globalization;
using System.Text;

namespace Normative.Experiments;

/// <summary>Writes report.md: provenance, Table 1 A and B, the control false-positive rates, and later sections.</summary>
public static class ReportWriter
{
    /// <summary>The report text of <paramref name="result"/>.</summary>
    public static string Render(ReproductionResult result)
    {
        var run = result.Run;
        var text = new StringBuilder();
        text.AppendLine("# Multimodal normative modelling — reproduction report").AppendLine();
        if (result.Experiments.Ranking is { } ranking) text.AppendLine(ranking.Headline()).AppendLine();
        text.AppendLine(Invariant($"- Configuration: **{run.Configuration}**; cohort `{run.Cohort}` ({run.Subjects} subjects; {run.CohortSource})"));
        text.AppendLine(Invariant($"- Preset `{run.Preset}`: {run.Training.Epochs} epochs, lr {run.Training.LearningRate}, batch {run.Training.BatchSize}"));
        text.AppendLine(Invariant($"- Seeds: {string.Join(", ", run.Seeds)}; latent sizes: {string.Join(", ", run.LatentSizes)}"));
        var c = run.Conventions;
        text.AppendLine(Invariant($"- Deviations: D_ml covariance {c.LatentCovariance}, D_mf covariance {c.FeatureCovariance}, {c.ErrorKind} regional error, threshold {c.Outliers.Kind} (df rule {c.Outliers.DegreesOfFreedom}) at alpha = {c.Outliers.Alpha}"));
        text.AppendLine(Invariant($"- Versions: Normative {run.PackageVersion}, TorchSharp {run.TorchSharpVersion}, .NET {run.DotnetVersion}"));
        text.AppendLine(Invariant($"- Wall time: {run.WallSeconds:0.0} s (training {run.Runs.Sum(r => r.TrainingSeconds):0.0} s over {run.Runs.Count} models)")).AppendLine();

        text.AppendLine("## Table 1 A — likelihood ratio of latent outliers (D_ml)").AppendLine();
        text.AppendLine(result.Table1.ToMarkdown(DeviationSpace.Latent)).AppendLine();
        text.AppendLine("## Table 1 B — likelihood ratio of feature-space outliers (D_mf)").AppendLine();
        text.AppendLine(result.Table1.ToMarkdown(DeviationSpace.Feature)).AppendLine();
        text.AppendLine("LR+ = TPR / FPR, patients against held-out controls; mean ± sd over seeds. ∞ means a seed flagged no held-out control; the Haldane-corrected value (+0.5 per cell) is given instead. Per-seed counts are in `tables/table1.csv`.").AppendLine();

        text.AppendLine(Invariant($"## Held-out-control false-positive rate (nominal {result.Table1.NominalAlpha})")).AppendLine();
        text.AppendLine("| Method | D_ml | D_mf |").AppendLine("|---|---:|---:|");
        var rates = result.Table1.ControlFalsePositiveRates().ToList();
        foreach (var method in result.Table1.Methods)
        {
            double Rate(DeviationSpace s) => rates.First(r => r.Method == method && r.Space == s).FalsePositiveRate;
            text.AppendLine(Invariant($"| {method} | {Rate(DeviationSpace.Latent):0.000} | {Rate(DeviationSpace.Feature):0.000} |"));
        }
        if (result.Grid.Baseline is { } baseline)
            text.AppendLine(Invariant($"| {BaselineEvaluation.Method.Label} | — (no latent space) | {baseline.LikelihoodRatio.FalsePositiveRate:0.000} |"));
        text.AppendLine();
        if (result.Experiments.Ranking is { } rank)
        {
            text.AppendLine("## Ranking: AUROC, partial AUROC and TPR at fixed FPR, every method against the no-model baseline").AppendLine();
            text.AppendLine(rank.ToMarkdown()).AppendLine();
            text.AppendLine("## Table 1's quantities on the held-out and the calibration controls: observed FPR and pooled LR+").AppendLine();
            text.AppendLine(rank.FalsePositiveMarkdown()).AppendLine();
            text.AppendLine("## AUROC per patient stage").AppendLine();
            text.AppendLine(rank.StageMarkdown()).AppendLine();
            text.AppendLine("## Paired ΔAUROC against mmSIVAE (MoPoE)").AppendLine();
            text.AppendLine(rank.MoPoEComparisonMarkdown()).AppendLine();
            text.AppendLine("Per stage and per comparison: `tables/ranking.csv`, `tables/ranking_comparisons.csv`, `tables/ranking.json`.").AppendLine();
        }
        foreach (var (title, body) in result.Experiments.ReportSections()) text.AppendLine($"## {title}").AppendLine().AppendLine(body).AppendLine();
        foreach (var section in result.ExtraReportSections) text.AppendLine(section).AppendLine();
        return text.ToString();
    }

    /// <summary>Writes report.md into the result's output folder and returns its path.</summary>
    public static string Write(ReproductionResult result)
    {
        string path = Path.Combine(Path.GetFullPath(result.Options.OutputFolder), "report.md");
        File.WriteAllText(path, Render(result));
        return path;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
