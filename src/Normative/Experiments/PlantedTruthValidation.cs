using MathNet.Numerics.Statistics;
using Normative.Data;

namespace Normative.Experiments;

/// <summary>
/// One region's planted truth for a stage and modality: the mean planted effect over the stage's patients in raw
/// units, the training controls' raw sd, their ratio (the standardised effect), whether it counts as planted,
/// and the score the run gives it (|Cohen's d| of its regional deviations; null when the contrast was skipped).
/// </summary>
public sealed record PlantedRegion(string Modality, ClinicalStage Stage, string Region, double MeanEffect, double ControlSd,
    double StandardisedEffect, bool Planted, double? Score);

/// <summary>
/// How well the run's regional deviations rank the planted regions of one stage and modality above the others:
/// AUROC of |d| against the planted label; null with <see cref="Reason"/> when undefined.
/// </summary>
public sealed record PlantedRecovery(string Modality, ClinicalStage Stage, int Subjects, int PlantedRegions, int OtherRegions, double? Auroc, string? Reason);

/// <summary>
/// The held-out-control false-positive rate of D_ml and D_mf outliers for one method and latent size: per seed
/// the fraction of held-out controls flagged, and the mean over seeds (compare with the nominal alpha).
/// </summary>
public sealed record OutlierFalsePositiveRate(string Method, string MethodKey, int LatentDim, IReadOnlyList<int> Seeds, int Controls,
    IReadOnlyList<double> LatentRates, IReadOnlyList<double> FeatureRates, double LatentMean, double FeatureMean);

/// <summary>
/// The planted-truth check of a synthetic cohort for one run (method, latent size, seed): per stage and modality
/// the AUROC with which the regional deviations find the planted regions, and how the held-out-control
/// false-positive rate compares with the nominal alpha, for this run and for every run of the grid.
/// </summary>
/// <param name="Source">The regional deviations scored (those of the latent-to-region mapping).</param>
/// <param name="PlantedThreshold">A region is planted for a stage when |standardised effect| &gt;= this.</param>
/// <param name="RunFalsePositives">This run's rates (one seed).</param>
/// <param name="GridFalsePositives">Every method x latent size of the grid, mean over seeds.</param>
public sealed record PlantedTruthValidationResult(
    string Method,
    string MethodKey,
    int LatentDim,
    int Seed,
    RegionalDeviationSource Source,
    double PlantedThreshold,
    double NominalAlpha,
    IReadOnlyList<PlantedRecovery> Recovery,
    IReadOnlyList<PlantedRegion> Regions,
    OutlierFalsePositiveRate RunFalsePositives,
    IReadOnlyList<OutlierFalsePositiveRate> GridFalsePositives)
{
    /// <summary>The recovery of <paramref name="stage"/> in <paramref name="modality"/>.</summary>
    public PlantedRecovery RecoveryOf(string modality, ClinicalStage stage) =>
        Recovery.FirstOrDefault(r => r.Modality == modality && r.Stage == stage)
        ?? throw new ArgumentException($"No planted-truth recovery for {stage} in '{modality}'.");

    /// <summary>AUROC per stage x modality, then the false-positive rates against alpha.</summary>
    public string ToMarkdown()
    {
        var modalities = Recovery.Select(r => r.Modality).Distinct().ToArray();
        var lines = new List<string>
        {
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Planted-truth recovery of {Method}, d = {LatentDim}, seed {Seed} (scores: |Cohen's d| of the {(Source == RegionalDeviationSource.DecodedSelectedLatents ? "decoded" : "reconstruction-error")} regional deviations; planted = |standardised effect| >= {PlantedThreshold})."),
            "",
            "| Stage | " + string.Join(" | ", modalities.Select(m => $"AUROC {m} (planted / other)")) + " |",
            "|---|" + string.Concat(modalities.Select(_ => "---:|")),
        };
        foreach (var stage in ClinicalStages.Patients)
        {
            var cells = modalities.Select(m => RecoveryOf(m, stage)).Select(r =>
                r.Auroc is { } a ? $"{ResultFiles.Short(a, "0.000")} ({r.PlantedRegions} / {r.OtherRegions})" : $"— ({r.Reason})");
            lines.Add($"| {ClinicalStages.Label(stage)} | " + string.Join(" | ", cells) + " |");
        }
        lines.Add("");
        lines.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Held-out-control false-positive rate (nominal alpha = {NominalAlpha}); this run: D_ml {ResultFiles.Short(RunFalsePositives.LatentMean, "0.000")}, D_mf {ResultFiles.Short(RunFalsePositives.FeatureMean, "0.000")} of {RunFalsePositives.Controls} controls."));
        lines.Add("");
        lines.Add("| Method | d | Seeds | FPR D_ml | FPR D_mf |");
        lines.Add("|---|---:|---:|---:|---:|");
        foreach (var f in GridFalsePositives)
            lines.Add($"| {f.Method} | {f.LatentDim} | {f.Seeds.Count} | {ResultFiles.Short(f.LatentMean, "0.000")} | {ResultFiles.Short(f.FeatureMean, "0.000")} |");
        return string.Join("\n", lines);
    }

    /// <summary>
    /// Writes <c>planted_truth.json</c>, <c>planted_truth_auroc.csv</c>, <c>planted_truth_regions.csv</c> and
    /// <c>planted_truth_fpr.csv</c> (one row per grid run: method, latent size, seed) into <paramref name="folder"/>.
    /// </summary>
    public void Write(string folder)
    {
        ResultFiles.WriteJson(Path.Combine(folder, "planted_truth.json"), this);
        ResultFiles.WriteCsv(Path.Combine(folder, "planted_truth_auroc.csv"),
            ["method_key", "latent_dim", "seed", "modality", "stage", "subjects", "planted_regions", "other_regions", "auroc", "reason"],
            Recovery.Select(r => (IReadOnlyList<object?>)[MethodKey, LatentDim, Seed, r.Modality, ClinicalStages.Code(r.Stage), r.Subjects, r.PlantedRegions, r.OtherRegions, r.Auroc, r.Reason]));
        ResultFiles.WriteCsv(Path.Combine(folder, "planted_truth_regions.csv"),
            ["modality", "stage", "region", "mean_effect", "control_sd", "standardised_effect", "planted", "score"],
            Regions.Select(r => (IReadOnlyList<object?>)[r.Modality, ClinicalStages.Code(r.Stage), r.Region, r.MeanEffect, r.ControlSd, r.StandardisedEffect, r.Planted, r.Score]));
        ResultFiles.WriteCsv(Path.Combine(folder, "planted_truth_fpr.csv"),
            ["method", "method_key", "latent_dim", "seed", "controls", "fpr_d_ml", "fpr_d_mf", "nominal_alpha"],
            GridFalsePositives.SelectMany(f => f.Seeds.Select((s, k) => (IReadOnlyList<object?>)
                [f.Method, f.MethodKey, f.LatentDim, s, f.Controls, f.LatentRates[k], f.FeatureRates[k], NominalAlpha])));
    }
}

/// <summary>
/// Checks a run against the truth planted in a synthetic cohort. Planted standardised effect of region j of
/// modality m for stage g: delta_gj = (1 / n_g) sum_{i in g} E_i,m,j / sd_j, with E the planted effect (raw units)
/// and sd_j the training controls' raw sample sd; planted when |delta_gj| &gt;= 0.2 (Cohen's "small").
/// Score of region j: |d_gj|, Cohen's d of the run's regional deviations between stage g and the held-out
/// controls (the latent-to-region mapping's contrasts); recovery = AUROC of score vs planted label.
/// </summary>
public static class PlantedTruthValidation
{
    /// <summary>Cohen's "small" effect: the default planted threshold.</summary>
    public const double DefaultPlantedThreshold = 0.2;

    /// <summary>
    /// Validates the run of <paramref name="mapping"/> (default: <see cref="LatentToRegionMapping"/> of
    /// <see cref="FigureRun"/>'s run with <paramref name="mappingOptions"/>) against <paramref name="data"/>'s ground truth.
    /// </summary>
    /// <exception cref="InvalidOperationException">The cohort has no planted truth (it is not synthetic).</exception>
    public static PlantedTruthValidationResult Run(GridResult grid, ExperimentData data, LatentToRegionMappingResult? mapping = null,
        double plantedThreshold = DefaultPlantedThreshold, LatentToRegionOptions? mappingOptions = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(data);
        var truth = data.GroundTruth ?? throw new InvalidOperationException(
            $"Cohort '{data.Cohort.Name}' has no planted ground truth; the planted-truth validation runs on synthetic cohorts only (load one with its ground_truth.csv).");
        if (!(plantedThreshold > 0) || double.IsInfinity(plantedThreshold))
            throw new ArgumentOutOfRangeException(nameof(plantedThreshold), plantedThreshold, "The planted threshold must be a positive finite standardised effect.");
        mapping ??= LatentToRegionMapping.Run(grid, data, mappingOptions);
        var run = grid.Runs.FirstOrDefault(r => r.Method.Key == mapping.MethodKey && r.LatentDim == mapping.LatentDim && r.Seed == mapping.Seed)
            ?? throw new ArgumentException($"The mapping is of run {mapping.MethodKey}-d{mapping.LatentDim}-s{mapping.Seed}, which the grid does not hold.", nameof(mapping));

        var patientIds = run.Patients.Scores.SubjectIds;
        var stages = ClinicalStages.Of(data, patientIds);
        var regions = new List<PlantedRegion>();
        var recovery = new List<PlantedRecovery>();
        foreach (var modality in run.Patients.Scores.ModalityNames)
        {
            int truthModality = truth.ModalityIndex(modality);
            var regionIds = data.Regions(modality).Ids.ToArray();
            var truthColumns = regionIds.Select(r => truth.Regions.IndexOf(r) is int j and >= 0 ? j
                : throw new ArgumentException($"Region '{r}' of modality '{modality}' is not in the ground truth's region set '{truth.Regions.Name}'.")).ToArray();
            var controlSd = TrainingControlSd(data, modality);
            foreach (var stage in ClinicalStages.Patients)
            {
                var members = ClinicalStages.RowsOf(stages, stage).Select(i => truth[patientIds[i]]).ToArray();
                if (members.Length == 0)
                {
                    recovery.Add(new PlantedRecovery(modality, stage, 0, 0, 0, null, $"no {ClinicalStages.Label(stage)} patients"));
                    continue;
                }
                var contrast = mapping.Contrasts.FirstOrDefault(c => c.Modality == modality && c.Stage == stage);
                if (contrast is { Regions.Count: > 0 } && !contrast.Regions.Select(r => r.Region).SequenceEqual(regionIds))
                    throw new ArgumentException($"The mapping's {modality} regions are not the cohort's, in the cohort's order.", nameof(mapping));
                var stageRegions = regionIds.Select((id, j) =>
                {
                    double mean = members.Average(s => s.Effects[truthModality][truthColumns[j]]);
                    double standardised = mean / controlSd[j];
                    double? score = contrast is { Regions.Count: > 0 } ? Math.Abs(contrast.Regions[j].CohensD) : null;
                    return new PlantedRegion(modality, stage, id, mean, controlSd[j], standardised, Math.Abs(standardised) >= plantedThreshold, score);
                }).ToArray();
                regions.AddRange(stageRegions);
                recovery.Add(Recover(modality, stage, members.Length, stageRegions, contrast));
            }
        }
        double alpha = grid.Options.Conventions.Outliers.Alpha;
        var gridRates = grid.Options.Methods
            .SelectMany(m => grid.Options.LatentSizes.Select(d => grid.RunsOf(m, d)))
            .Where(runs => runs.Count > 0)
            .Select(FalsePositives).ToArray();
        return new PlantedTruthValidationResult(run.Method.Label, run.Method.Key, run.LatentDim, run.Seed, mapping.Source, plantedThreshold, alpha,
            recovery, regions, FalsePositives([run]), gridRates);
    }

    /// <summary>The held-out-control outlier rates of the runs of one method and latent size (one per seed).</summary>
    public static OutlierFalsePositiveRate FalsePositives(IReadOnlyList<ModelEvaluation> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) throw new ArgumentException("No runs to summarise.", nameof(runs));
        static double Rate(IReadOnlyList<bool> flags) => flags.Count(f => f) / (double)flags.Count;
        var latent = runs.Select(r => Rate(r.Holdout.Deviations.LatentOutlier)).ToArray();
        var feature = runs.Select(r => Rate(r.Holdout.Deviations.FeatureOutlier)).ToArray();
        return new OutlierFalsePositiveRate(runs[0].Method.Label, runs[0].Method.Key, runs[0].LatentDim, runs.Select(r => r.Seed).ToArray(),
            runs[0].Holdout.Count, latent, feature, latent.Average(), feature.Average());
    }

    private static PlantedRecovery Recover(string modality, ClinicalStage stage, int subjects, IReadOnlyList<PlantedRegion> regions, StageContrast? contrast)
    {
        int planted = regions.Count(r => r.Planted), other = regions.Count - planted;
        string? reason =
            contrast is null ? "the mapping has no contrast for this stage and modality"
            : contrast.Regions.Count == 0 ? contrast.SkippedReason ?? "the contrast was skipped"
            : planted == 0 ? "no planted region"
            : other == 0 ? "every region is planted"
            : null;
        double? auroc = reason is null ? AreaUnderRoc.Compute(regions.Select(r => r.Score!.Value).ToArray(), regions.Select(r => r.Planted).ToArray()) : null;
        return new PlantedRecovery(modality, stage, subjects, planted, other, auroc, reason);
    }

    /// <summary>Sample sd (n - 1) of each region's raw values over the training controls that have the modality.</summary>
    private static double[] TrainingControlSd(ExperimentData data, string modality)
    {
        var table = data.Cohort.Modality(modality);
        var rows = data.Cohort.TrainingControlRows.Select(table.Row).OfType<double[]>().ToArray();
        if (rows.Length < 2)
            throw new ArgumentException($"Modality '{modality}' has {rows.Length} training control(s) with values; a standard deviation needs 2.", nameof(data));
        return Enumerable.Range(0, table.Regions.Count).Select(j =>
        {
            double sd = rows.Select(r => r[j]).StandardDeviation();
            return sd > 0 ? sd : throw new ArgumentException($"Region '{table.Regions.Regions[j].Id}' of modality '{modality}' is constant over the training controls; its standardised effect is undefined.", nameof(data));
        }).ToArray();
    }
}
