using System.Globalization;
using Normative.Data;
using Normative.Deviation;
using Normative.Training;

namespace Normative.Experiments;

/// <summary>
/// Maps latent deviations to brain regions (paper §4.4, Fig 5), by default with the corrected procedure
/// (design §5, revised turn 2); <see cref="MappingProcedure.Paper"/> runs <see cref="PaperLatentToRegionMapping"/>.
/// </summary>
/// <remarks>
/// Corrected procedure, per patient stage g:
/// <list type="number">
/// <item>Select dimensions: Welch's t of Z_ml (Eq. 14) between the stage's patients and the held-out controls,
/// one test per dimension, Benjamini-Hochberg over the d dimensions at q; S = the rejected ones. A stage tested
/// against controls, not "mean |Z| &gt; 1.96" over all patients: the null mean of |Z| is 0.80, not 0, and pooling
/// stages lets the amyloid-driven dimensions of the many early patients stand for every stage.</item>
/// <item>Decode the counterfactual: e_i = x̂(z̄_C + P_S(z_i - z̄_C), c_i) - x̂(z̄_C, c_i), z̄_C the training
/// controls' latent mean (not the prior's 0), P_S keeping the selected dimensions, c_i the patient's own covariates
/// (not an all-zero one-hot the decoder never saw). e_i is in the model's input units: the training controls'
/// sd of each region (after ICV division), so its sign is the direction of the change.</item>
/// <item>Effect of region j = mean_i e_ij over the stage's patients, with a seeded percentile-bootstrap CI over
/// patients and a one-sample t-test, Benjamini-Hochberg over the modality's regions. No Cohen's d of decoded
/// values: re-z-scoring decodings gives every region driven by a shifted dimension about the latent effect size,
/// whatever its real change.</item>
/// </list>
/// The tests of step 3 are conditional on the selection of step 1 (same patients), so their p-values are a
/// ranking aid rather than a confirmatory test. S. Kumar, Y. Qiu, A. Sotiras, "mmSIVAE", 2026, arXiv 2602.08077, §4.4.
/// </remarks>
public static class LatentToRegionMapping
{
    /// <summary>The mapping for the run <see cref="FigureRun"/> picks (<paramref name="options"/>' method, else mmSIVAE (MoPoE)).</summary>
    public static LatentToRegionMappingResult Run(GridResult grid, ExperimentData data, LatentToRegionOptions? options = null) =>
        Run(FigureRun.Select(grid, options?.MethodKey), data, options);

    /// <summary>The mapping of one trained and scored model.</summary>
    public static LatentToRegionMappingResult Run(ModelEvaluation run, ExperimentData data, LatentToRegionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(data);
        options ??= new LatentToRegionOptions();
        options.Validate();
        return options.Procedure switch
        {
            MappingProcedure.Corrected => Corrected(run, data, options),
            MappingProcedure.Paper => PaperLatentToRegionMapping.Run(run, data, options),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Procedure, "Unknown mapping procedure."),
        };
    }

    /// <summary>
    /// Step 1 for one stage: Welch's t of every latent dimension's Z_ml, <paramref name="patientZ"/> [n_g, d]
    /// against <paramref name="controlZ"/> [n_C, d], BH over the d dimensions at <paramref name="fdrLevel"/>.
    /// </summary>
    public static StageSelection SelectDimensions(ClinicalStage stage, double[,] patientZ, double[,] controlZ, double fdrLevel)
    {
        ArgumentNullException.ThrowIfNull(patientZ);
        ArgumentNullException.ThrowIfNull(controlZ);
        int n = patientZ.GetLength(0), controls = controlZ.GetLength(0), d = patientZ.GetLength(1);
        if (n < 2 || controls < 2)
            return new StageSelection(stage, n, controls, [],
                $"{n} {ClinicalStages.Label(stage)} subject(s) and {controls} held-out control(s); the selection needs at least 2 in each.", []);
        var welch = Enumerable.Range(0, d).Select(k => WelchTTest.Compute(ArrayInput.Column(patientZ, k), ArrayInput.Column(controlZ, k))).ToArray();
        var fdr = BenjaminiHochberg.Adjust(welch.Select(w => w.PValue).ToArray(), fdrLevel);
        var tests = welch.Select((w, k) => new DimensionTest(k + 1, w.MeanDifference, w.T, w.PValue, fdr.AdjustedPValues[k], fdr.Rejected[k])).ToArray();
        return new StageSelection(stage, n, controls, tests.Where(t => t.Selected).Select(t => t.Dimension).ToArray(), null, tests);
    }

    /// <summary>
    /// Step 3 for one modality and stage: per region the mean of the per-patient effects <paramref name="effects"/>
    /// [n_g, p], its bootstrap interval (<paramref name="lower"/>, <paramref name="upper"/>), one-sample t and BH q.
    /// </summary>
    public static RegionEffect[] Effects(IReadOnlyList<string> regionIds, double[,] effects, IReadOnlyList<double> lower, IReadOnlyList<double> upper, double fdrLevel)
    {
        ArgumentNullException.ThrowIfNull(regionIds);
        ArgumentNullException.ThrowIfNull(effects);
        if (effects.GetLength(1) != regionIds.Count || lower.Count != regionIds.Count || upper.Count != regionIds.Count)
            throw new ArgumentException($"{regionIds.Count} regions but {effects.GetLength(1)} effect columns and {lower.Count} / {upper.Count} interval bounds.", nameof(effects));
        var tests = Enumerable.Range(0, regionIds.Count).Select(j => OneSampleTTest.Compute(ArrayInput.Column(effects, j))).ToArray();
        var fdr = BenjaminiHochberg.Adjust(tests.Select(t => t.PValue).ToArray(), fdrLevel);
        return tests.Select((t, j) => new RegionEffect(regionIds[j], t.Mean, lower[j], upper[j], t.T, t.PValue, fdr.AdjustedPValues[j], fdr.Rejected[j])).ToArray();
    }

    /// <summary>
    /// What the corrected procedure reads for one stage of a run: the stage's patients (ids, Z_ml, latents, real
    /// encoded covariates), the held-out controls' Z_ml and the training controls' latent mean z̄_C.
    /// </summary>
    public static StageInputs InputsOf(ModelEvaluation run, ExperimentData data, ClinicalStage stage)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(data);
        var patientIds = run.Patients.Scores.SubjectIds;
        var rows = ClinicalStages.RowsOf(ClinicalStages.Of(data, patientIds), stage);
        return new StageInputs(stage, rows, rows.Select(i => patientIds[i]).ToArray(), ArrayInput.Submatrix(run.Patients.Deviations.LatentZ, rows),
            ArrayInput.Submatrix(run.Patients.Scores.Latent, rows), ArrayInput.Submatrix(CovariatesOf(data.Patients, patientIds), rows),
            run.Holdout.Deviations.LatentZ, run.Reference.LatentZ.Means);
    }

    /// <summary>Steps 1 to 3 for one stage; the per-patient effects per modality come back in <paramref name="perPatient"/> (null when skipped).</summary>
    public static (StageSelection Selection, IReadOnlyList<StageRegionEffects> Effects) MapStage(ModelEvaluation run, ExperimentData data, StageInputs inputs,
        LatentToRegionOptions options, int bootstrapSeed, out IReadOnlyList<double[,]>? perPatient)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        var modalities = run.Patients.Scores.ModalityNames;
        var selection = SelectDimensions(inputs.Stage, inputs.LatentZ, inputs.ControlZ, options.FdrLevel);
        perPatient = null;
        if (selection.SkippedReason is not null)
            return (selection, modalities.Select(m => new StageRegionEffects(m, inputs.Stage, inputs.SubjectIds.Count, selection.Controls, [], selection.SkippedReason, [])).ToArray());
        var decoded = LatentDecoding.SelectedEffect(run.Model, inputs.Latent, inputs.Covariates, inputs.ControlMean, selection.SelectedDimensions);
        // One resampling of the stage's patients for every region of every modality keeps the regions' dependence.
        var (lower, upper) = BootstrapMeanInterval.Compute(RegionalError.Concatenate(decoded), bootstrapSeed, options.BootstrapReplicates, options.ConfidenceLevel);
        var effects = new List<StageRegionEffects>();
        int offset = 0;
        for (int m = 0; m < modalities.Count; m++)
        {
            var regionIds = data.Regions(modalities[m]).Ids.ToArray();
            int p = regionIds.Length;
            if (decoded[m].GetLength(1) != p)
                throw new ArgumentException($"The model decodes {decoded[m].GetLength(1)} columns for modality '{modalities[m]}' but the cohort lists {p} regions.");
            var regions = Effects(regionIds, decoded[m], lower[offset..(offset + p)], upper[offset..(offset + p)], options.FdrLevel);
            effects.Add(new StageRegionEffects(modalities[m], inputs.Stage, inputs.SubjectIds.Count, selection.Controls, selection.SelectedDimensions, null, regions));
            offset += p;
        }
        perPatient = decoded;
        return (selection, effects);
    }

    private static LatentToRegionMappingResult Corrected(ModelEvaluation run, ExperimentData data, LatentToRegionOptions options)
    {
        var patientIds = run.Patients.Scores.SubjectIds;
        var stages = ClinicalStages.Of(data, patientIds);
        var modalities = run.Patients.Scores.ModalityNames;
        var regionIds = modalities.Select(m => data.Regions(m).Ids.ToArray()).ToArray();
        var table = regionIds.Select(ids => new double[patientIds.Count, ids.Length]).ToArray();
        var selections = new List<StageSelection>();
        var effects = new List<StageRegionEffects>();
        for (int s = 0; s < ClinicalStages.Patients.Count; s++)
        {
            var inputs = InputsOf(run, data, ClinicalStages.Patients[s]);
            var (selection, stageEffects) = MapStage(run, data, inputs, options, options.BootstrapSeed + s, out var perPatient);
            selections.Add(selection);
            effects.AddRange(stageEffects);
            if (perPatient is null) continue;
            for (int m = 0; m < modalities.Count; m++)
                for (int i = 0; i < inputs.Rows.Count; i++)
                    for (int j = 0; j < regionIds[m].Length; j++) table[m][inputs.Rows[i], j] = perPatient[m][i, j];
        }
        var tables = modalities.Select((m, k) => new RegionalDeviationTable(m, regionIds[k], patientIds,
            Enumerable.Repeat(Split.Test, patientIds.Count).ToArray(), stages, table[k])).ToArray();
        return new LatentToRegionMappingResult(MappingProcedure.Corrected, run.Method.Label, run.Method.Key, run.LatentDim, run.Seed,
            options.FdrLevel, "control sd", DescribeDimensions(run.Patients.Deviations.LatentZ, stages, options.SelectionThreshold), selections, null, [], null,
            "Per stage, latent dimensions whose Z_ml differs from the held-out controls' (Welch t, BH); effect = mean over the stage's patients of "
            + "x̂(z̄_C + P_S(z_i − z̄_C), c_i) − x̂(z̄_C, c_i) in training-control sd units (signed), "
            + string.Create(CultureInfo.InvariantCulture, $"{100 * options.ConfidenceLevel:0.#} % bootstrap CI over patients ({options.BootstrapReplicates} replicates, seed {options.BootstrapSeed} + stage index), BH over regions."),
            effects)
        {
            SubjectDeviations = tables,
        };
    }

    /// <summary>Mean |Z_ml| per dimension over all patients and per stage (Fig 5A), flagged against <paramref name="threshold"/>.</summary>
    internal static LatentDimensionDeviation[] DescribeDimensions(double[,] latentZ, IReadOnlyList<ClinicalStage> stages, double threshold)
    {
        int n = latentZ.GetLength(0), d = latentZ.GetLength(1);
        double MeanAbs(int k, IReadOnlyList<int> rows) => rows.Average(i => Math.Abs(latentZ[i, k]));
        var all = Enumerable.Range(0, n).ToArray();
        return Enumerable.Range(0, d).Select(k =>
        {
            double mean = MeanAbs(k, all);
            var perStage = ClinicalStages.Patients.Select(s =>
            {
                var rows = ClinicalStages.RowsOf(stages, s);
                return new StageLatentDeviation(s, rows.Length, rows.Length == 0 ? null : MeanAbs(k, rows));
            }).ToArray();
            return new LatentDimensionDeviation(k + 1, mean, perStage, mean > threshold);
        }).ToArray();
    }

    /// <summary>The encoded covariates [n, c] of <paramref name="subjectIds"/>, read from <paramref name="tensors"/>.</summary>
    internal static double[,] CovariatesOf(SubjectTensors tensors, IReadOnlyList<string> subjectIds)
    {
        var all = Scorer.ToArray(tensors.Covariates);
        var index = tensors.SubjectIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        int c = all.GetLength(1);
        var result = new double[subjectIds.Count, c];
        for (int i = 0; i < subjectIds.Count; i++)
        {
            if (!index.TryGetValue(subjectIds[i], out int row))
                throw new ArgumentException($"Subject '{subjectIds[i]}' was scored but is not among the prepared subjects; the run and the data do not match.", nameof(subjectIds));
            for (int k = 0; k < c; k++) result[i, k] = all[row, k];
        }
        return result;
    }

}
