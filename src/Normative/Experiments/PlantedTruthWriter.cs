using System.Globalization;

namespace Normative.Experiments;

/// <summary>The Markdown summary and the files of a <see cref="PlantedTruthValidationResult"/>.</summary>
public static class PlantedTruthWriter
{
    /// <summary>The recovery table (model vs no-model ceiling per stage and modality), then the false-positive rates against alpha.</summary>
    public static string Markdown(PlantedTruthValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var lines = new List<string>
        {
            Invariant($"Planted-truth recovery of {result.Method}, d = {result.LatentDim}, seed {result.Seed}: the {LatentToRegionWriter.Code(result.Procedure)} mapping's signed regional effects ({result.EffectUnit}) against the planted effects on the model's scale (after ICV normalisation, in training-control sd; planted = |effect| >= {result.PlantedThreshold}), next to the no-model ceiling (the covariate-adjusted inputs averaged over the stage) and the run's mean signed regional residuals ((x − x̂) / sd: what the model leaves outside its latent). AUROC of |effect| for planted vs unplanted regions, Spearman's rho of the signed effects, and the fraction of planted regions with the planted sign."),
            "",
            "| Modality | Stage | planted / other | AUROC model | AUROC ceiling | AUROC residual | Spearman model | Spearman ceiling | Spearman residual | Sign agreement model | Sign agreement ceiling | Sign agreement residual |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        };
        foreach (var r in result.Recovery)
        {
            if (r.Ceiling is null)
            {
                lines.Add($"| {r.Modality} | {ClinicalStages.Label(r.Stage)} | — | {r.Reason} | | | | | | | | |");
                continue;
            }
            string Cell(RecoveryMetrics? m, Func<RecoveryMetrics, double?> value) => m is null ? "—" : value(m) is { } v ? ResultFiles.Short(v, "0.000") : "—";
            string Auroc(RecoveryMetrics? m) => m is null ? $"— ({r.Reason})" : m.Auroc is { } a ? ResultFiles.Short(a, "0.000") : $"— ({m.AurocNote})";
            lines.Add($"| {r.Modality} | {ClinicalStages.Label(r.Stage)} | {r.PlantedRegions} / {r.OtherRegions} | {Auroc(r.Model)} | {Auroc(r.Ceiling)} | {Auroc(r.Residual)} | "
                + $"{Cell(r.Model, m => m.Spearman)} | {Cell(r.Ceiling, m => m.Spearman)} | {Cell(r.Residual, m => m.Spearman)} | "
                + $"{Cell(r.Model, m => m.SignAgreement)} | {Cell(r.Ceiling, m => m.SignAgreement)} | {Cell(r.Residual, m => m.SignAgreement)} |");
        }
        lines.Add("");
        lines.Add(Invariant($"Held-out-control false-positive rate (nominal alpha = {result.NominalAlpha}); this run: D_ml {ResultFiles.Short(result.RunFalsePositives.LatentMean, "0.000")}, D_mf {ResultFiles.Short(result.RunFalsePositives.FeatureMean, "0.000")} of {result.RunFalsePositives.Controls} controls."));
        lines.Add("");
        lines.Add("| Method | d | Seeds | FPR D_ml | FPR D_mf |");
        lines.Add("|---|---:|---:|---:|---:|");
        foreach (var f in result.GridFalsePositives)
            lines.Add($"| {f.Method} | {f.LatentDim} | {f.Seeds.Count} | {ResultFiles.Short(f.LatentMean, "0.000")} | {ResultFiles.Short(f.FeatureMean, "0.000")} |");
        return string.Join("\n", lines);
    }

    /// <summary>
    /// Writes <c>planted_truth.json</c>, <c>planted_truth_recovery.csv</c> (one row per modality x stage x source: model,
    /// ceiling, residual), <c>planted_truth_regions.csv</c> and <c>planted_truth_fpr.csv</c> (one row per grid run) into <paramref name="folder"/>.
    /// </summary>
    public static void Write(PlantedTruthValidationResult result, string folder)
    {
        ArgumentNullException.ThrowIfNull(result);
        ResultFiles.WriteJson(Path.Combine(folder, "planted_truth.json"), result);
        ResultFiles.WriteCsv(Path.Combine(folder, "planted_truth_recovery.csv"),
            ["method_key", "latent_dim", "seed", "procedure", "modality", "stage", "source", "subjects", "planted_regions", "other_regions", "auroc", "auroc_note", "spearman", "sign_agreement", "reason"],
            result.Recovery.SelectMany(r => new[] { ("model", r.Model), ("ceiling", r.Ceiling), ("residual", r.Residual) }.Select(x => (IReadOnlyList<object?>)
                [result.MethodKey, result.LatentDim, result.Seed, LatentToRegionWriter.Code(result.Procedure), r.Modality, ClinicalStages.Code(r.Stage), x.Item1,
                 r.Subjects, r.PlantedRegions, r.OtherRegions, x.Item2?.Auroc, x.Item2?.AurocNote, x.Item2?.Spearman, x.Item2?.SignAgreement, r.Reason])));
        ResultFiles.WriteCsv(Path.Combine(folder, "planted_truth_regions.csv"),
            ["modality", "stage", "region", "mean_raw_effect", "planted_effect", "planted", "model_effect", "ceiling_effect", "residual_effect"],
            result.Regions.Select(r => (IReadOnlyList<object?>)[r.Modality, ClinicalStages.Code(r.Stage), r.Region, r.MeanRawEffect, r.PlantedEffect, r.Planted, r.ModelEffect, r.CeilingEffect, r.ResidualEffect]));
        ResultFiles.WriteCsv(Path.Combine(folder, "planted_truth_fpr.csv"),
            ["method", "method_key", "latent_dim", "seed", "controls", "fpr_d_ml", "fpr_d_mf", "nominal_alpha"],
            result.GridFalsePositives.SelectMany(f => f.Seeds.Select((s, k) => (IReadOnlyList<object?>)
                [f.Method, f.MethodKey, f.LatentDim, s, f.Controls, f.LatentRates[k], f.FeatureRates[k], result.NominalAlpha])));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
