using Normative.Data;
using Normative.Deviation;
using Normative.Training;

namespace Normative.Experiments;

/// <summary>
/// Checks a run's latent-to-region mapping against the truth planted in a synthetic cohort, on the model's scale.
/// </summary>
/// <remarks>
/// Planted effect of region j for stage g: delta_gj = (1 / n_g) sum_{i in g} E_ij / (ICV_i if the modality is
/// ICV-normalised) / sd_j, E the planted effect (raw units; written value minus the subject's healthy
/// counterfactual), sd_j the training controls' sd of the model input. The counterfactual shares the subject's
/// age and sex, so any covariate adjustment cancels in E: delta is the effect after ICV normalisation and
/// covariate adjustment, in the z-score units the model sees. Planted when |delta_gj| &gt;= 0.2 (Cohen's "small").
/// Scored per stage and modality for the mapping's signed effects and for the no-model ceiling (the model inputs
/// with age and sex regressed out on the training controls, averaged over the stage's patients — what a perfect
/// covariate model with no latent structure shows): AUROC of |effect| for planted vs unplanted regions (not
/// informative below <see cref="MinimumUnplantedRegions"/> unplanted regions), Spearman's rho of the signed effects
/// against delta, and the fraction of planted regions with the planted sign. The same metrics of the run's mean signed
/// regional residuals (x - x̂) / sd show what the model leaves outside its latent.
/// </remarks>
public static class PlantedTruthValidation
{
    /// <summary>Cohen's "small" effect: the default planted threshold.</summary>
    public const double DefaultPlantedThreshold = 0.2;

    /// <summary>Below this many unplanted regions an AUROC rests on too few negatives to mean anything; it is not reported.</summary>
    public const int MinimumUnplantedRegions = 5;

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

        var regions = new List<PlantedRegion>();
        var recovery = new List<PlantedRecovery>();
        foreach (var modality in run.Patients.Scores.ModalityNames)
        {
            var regionIds = data.Regions(modality).Ids.ToArray();
            var planted = PlantedEffects(data, truth, modality);
            var ceiling = CeilingEffects(data, modality);
            var residual = ResidualEffects(run, data, modality);
            foreach (var stage in ClinicalStages.Patients)
            {
                if (!planted.TryGetValue(stage, out var stageTruth))
                {
                    recovery.Add(new PlantedRecovery(modality, stage, 0, 0, 0, null, null, $"no {ClinicalStages.Label(stage)} patients", null));
                    continue;
                }
                var effects = mapping.Effects.FirstOrDefault(c => c.Modality == modality && c.Stage == stage);
                if (effects is { Regions.Count: > 0 } && !effects.Regions.Select(r => r.Region).SequenceEqual(regionIds))
                    throw new ArgumentException($"The mapping's {modality} regions are not the cohort's, in the cohort's order.", nameof(mapping));
                double[]? model = effects is { Regions.Count: > 0 } ? effects.Regions.Select(r => r.Effect).ToArray() : null;
                var stageRegions = regionIds.Select((id, j) => new PlantedRegion(modality, stage, id, stageTruth.Raw[j], stageTruth.Scaled[j],
                    Math.Abs(stageTruth.Scaled[j]) >= plantedThreshold, model?[j], ceiling[stage][j], residual?[stage][j])).ToArray();
                regions.AddRange(stageRegions);
                var label = stageRegions.Select(r => r.Planted).ToArray();
                string? reason = model is null ? effects?.SkippedReason ?? "the mapping has no effects for this stage and modality" : null;
                recovery.Add(new PlantedRecovery(modality, stage, stageTruth.Subjects, label.Count(p => p), label.Count(p => !p),
                    model is null ? null : Score(model, stageTruth.Scaled, label),
                    Score(ceiling[stage], stageTruth.Scaled, label), reason,
                    residual is null ? null : Score(residual[stage], stageTruth.Scaled, label)));
            }
        }
        double alpha = grid.Options.Conventions.Outliers.Alpha;
        var gridRates = grid.Options.Methods
            .SelectMany(m => grid.Options.LatentSizes.Select(d => grid.RunsOf(m, d)))
            .Where(runs => runs.Count > 0)
            .Select(FalsePositives).ToArray();
        return new PlantedTruthValidationResult(run.Method.Label, run.Method.Key, run.LatentDim, run.Seed, mapping.Procedure, mapping.EffectUnit,
            plantedThreshold, alpha, recovery, regions, FalsePositives([run]), gridRates);
    }

    /// <summary>
    /// The recovery metrics of signed <paramref name="effects"/> against the signed planted effects <paramref name="planted"/>
    /// and the planted labels (all per region, same order).
    /// </summary>
    /// <param name="signed">Whether the effects carry a sign, so the AUROC ranks regions by |effect|; false for an unsigned
    /// deviation (e.g. a z of squared error), where a value below the norm is not evidence of an effect.</param>
    public static RecoveryMetrics Score(IReadOnlyList<double> effects, IReadOnlyList<double> planted, IReadOnlyList<bool> label, bool signed = true)
    {
        ArgumentNullException.ThrowIfNull(effects);
        ArgumentNullException.ThrowIfNull(planted);
        ArgumentNullException.ThrowIfNull(label);
        if (effects.Count != planted.Count || label.Count != planted.Count)
            throw new ArgumentException($"{effects.Count} effects, {planted.Count} planted effects and {label.Count} labels; they must be paired by region.", nameof(effects));
        int positives = label.Count(l => l), negatives = label.Count - positives;
        string? note = positives == 0 ? "no planted region"
            : negatives < MinimumUnplantedRegions ? $"not informative: {negatives} unplanted region(s) (fewer than {MinimumUnplantedRegions})"
            : null;
        double? auroc = note is null ? AreaUnderRoc.Compute(signed ? effects.Select(Math.Abs).ToArray() : effects, label) : null;
        bool varies = effects.Distinct().Count() > 1 && planted.Distinct().Count() > 1 && effects.Count >= 3;
        double? spearman = varies ? SpearmanCorrelation.Compute(effects, planted).Coefficient : null;
        double? sign = positives == 0 ? null
            : Enumerable.Range(0, label.Count).Where(j => label[j]).Count(j => Math.Sign(effects[j]) == Math.Sign(planted[j])) / (double)positives;
        return new RecoveryMetrics(auroc, note, spearman, sign);
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

    /// <summary>A stage's planted truth: its patient count, mean raw effect and mean model-scale effect per region.</summary>
    /// <summary>One stage's planted effect per region of a modality: raw (E) and on the model's scale (E / ICV / training-control sd), averaged over its patients.</summary>
    internal sealed record StageTruth(int Subjects, double[] Raw, double[] Scaled);

    /// <summary>Per stage with patients, the mean planted effect per region, raw and on the model's scale.</summary>
    /// <summary>Per stage, the planted effect of every region of <paramref name="modality"/> among <paramref name="data"/>'s patients, in the preprocessing's region order.</summary>
    /// <param name="truthModality">The ground truth's modality holding those regions (a feature-set cohort keeps every MRI region under
    /// <c>mri</c>); null: <paramref name="modality"/>.</param>
    internal static Dictionary<ClinicalStage, StageTruth> PlantedEffects(ExperimentData data, Data.Synthetic.SyntheticGroundTruth truth, string modality,
        string? truthModality = null)
    {
        var scaling = data.Preprocessing.Modality(modality);
        int m = truth.ModalityIndex(truthModality ?? modality);
        var columns = scaling.Regions.Select(r => truth.Regions.IndexOf(r) is int j and >= 0 ? j
            : throw new ArgumentException($"Region '{r}' of modality '{modality}' is not in the ground truth's region set '{truth.Regions.Name}'.")).ToArray();
        var patients = data.Patients.SubjectIds;
        var stages = ClinicalStages.Of(data, patients);
        var result = new Dictionary<ClinicalStage, StageTruth>();
        foreach (var stage in ClinicalStages.Patients)
        {
            var ids = ClinicalStages.RowsOf(stages, stage).Select(i => patients[i]).ToArray();
            if (ids.Length == 0) continue;
            var raw = new double[columns.Length];
            var scaled = new double[columns.Length];
            foreach (var id in ids)
            {
                var effects = truth[id].Effects[m];
                double icv = scaling.DividesByIcv ? data.Subject(id).RequireIcv() : 1;
                for (int j = 0; j < columns.Length; j++)
                {
                    raw[j] += effects[columns[j]] / ids.Length;
                    scaled[j] += effects[columns[j]] / icv / scaling.Sd[j] / ids.Length;
                }
            }
            result[stage] = new StageTruth(ids.Length, raw, scaled);
        }
        return result;
    }

    /// <summary>
    /// The no-model ceiling per stage: the model inputs (z-scored against the training controls) with age and sex
    /// regressed out by least squares on the training controls, averaged over the stage's patients who have the modality.
    /// </summary>
    private static Dictionary<ClinicalStage, double[]> CeilingEffects(ExperimentData data, string modality)
    {
        int k = IndexOf(data.Train.ModalityNames, modality);
        var (trainValues, trainCovariates) = Observed(data.Train, k);
        var regression = CovariateRegression.Fit(trainCovariates, trainValues);
        var observed = ObservedMask(data.Patients);
        var values = Scorer.ToArray(data.Patients.Modalities[k]);
        var adjusted = regression.Residuals(Scorer.ToArray(data.Patients.Covariates), values);
        var stages = ClinicalStages.Of(data, data.Patients.SubjectIds);
        var result = new Dictionary<ClinicalStage, double[]>();
        foreach (var stage in ClinicalStages.Patients)
        {
            var rows = ClinicalStages.RowsOf(stages, stage).Where(i => observed[i, k]).ToArray();
            result[stage] = Enumerable.Range(0, adjusted.GetLength(1)).Select(j => rows.Length == 0 ? double.NaN : rows.Average(i => adjusted[i, j])).ToArray();
        }
        return result;
    }

    /// <summary>Per stage, the mean signed regional deviation (x - x̂) / sd of the run's patients in <paramref name="modality"/>; null without residuals.</summary>
    private static Dictionary<ClinicalStage, double[]>? ResidualEffects(ModelEvaluation run, ExperimentData data, string modality)
    {
        if (run.Patients.Deviations.SignedResiduals is not { } residuals) return null;
        var names = run.Patients.Scores.ModalityNames;
        int m = IndexOf(names, modality);
        int offset = Enumerable.Range(0, m).Sum(k => run.Patients.Scores.Residuals[k].GetLength(1));
        int p = run.Patients.Scores.Residuals[m].GetLength(1);
        var stages = ClinicalStages.Of(data, run.Patients.Scores.SubjectIds);
        return ClinicalStages.Patients.ToDictionary(stage => stage, stage =>
        {
            var rows = ClinicalStages.RowsOf(stages, stage);
            return Enumerable.Range(0, p).Select(j => rows.Length == 0 ? double.NaN : rows.Average(i => residuals[i, offset + j])).ToArray();
        });
    }

    /// <summary>The rows of modality <paramref name="k"/> that are observed, and their covariates.</summary>
    private static (double[,] Values, double[,] Covariates) Observed(SubjectTensors tensors, int k)
    {
        var observed = ObservedMask(tensors);
        var rows = Enumerable.Range(0, tensors.Count).Where(i => observed[i, k]).ToArray();
        if (rows.Length < 2)
            throw new ArgumentException($"Modality '{tensors.ModalityNames[k]}' is observed for {rows.Length} training control(s); the covariate regression needs more.");
        return (ArrayInput.Submatrix(Scorer.ToArray(tensors.Modalities[k]), rows), ArrayInput.Submatrix(Scorer.ToArray(tensors.Covariates), rows));
    }

    private static bool[,] ObservedMask(SubjectTensors tensors)
    {
        using var asNumbers = tensors.Observed.to_type(TorchSharp.torch.ScalarType.Float64);
        var values = Scorer.ToArray(asNumbers);
        var mask = new bool[values.GetLength(0), values.GetLength(1)];
        for (int i = 0; i < values.GetLength(0); i++)
            for (int m = 0; m < values.GetLength(1); m++) mask[i, m] = values[i, m] == 1;
        return mask;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
            if (names[i] == name) return i;
        throw new ArgumentException($"The prepared data have no modality '{name}'.", nameof(name));
    }
}
