using System.Text.Json.Serialization;
using Normative.Data;

namespace Normative.Experiments;

/// <summary>Mean |Z_ml| of one latent dimension over one patient stage (null when the stage has no subjects).</summary>
public sealed record StageLatentDeviation(ClinicalStage Stage, int Subjects, double? MeanAbsoluteZ);

/// <summary>
/// One latent dimension (1-based, as in paper Fig 5A): mean_j |Z_ml,ij| over all patients j (Eq. 14) and per
/// stage, and whether it passes the paper's selection threshold. Descriptive under the corrected procedure.
/// </summary>
public sealed record LatentDimensionDeviation(int Dimension, double MeanAbsoluteZ, IReadOnlyList<StageLatentDeviation> Stages, bool Selected);

/// <summary>
/// The corrected procedure's test of one latent dimension for one stage: Welch's t of the stage's Z_ml against
/// the held-out controls', its p, the Benjamini-Hochberg q over the d dimensions, and whether it is selected.
/// </summary>
/// <param name="MeanDifference">Mean Z_ml of the stage minus that of the held-out controls (signed).</param>
public sealed record DimensionTest(int Dimension, double MeanDifference, double T, double PValue, double QValue, bool Selected);

/// <summary>
/// The inputs of the corrected procedure for one stage: its patients (<paramref name="Rows"/> in the run's patient
/// order, ids, Z_ml [n_g, d], latents [n_g, d], encoded covariates [n_g, c]), the held-out controls' Z_ml and z̄_C.
/// </summary>
public sealed record StageInputs(ClinicalStage Stage, IReadOnlyList<int> Rows, IReadOnlyList<string> SubjectIds, double[,] LatentZ, double[,] Latent,
    double[,] Covariates, double[,] ControlZ, IReadOnlyList<double> ControlMean);

/// <summary>The dimension selection of one stage (corrected procedure), or why it was skipped.</summary>
public sealed record StageSelection(ClinicalStage Stage, int Subjects, int Controls, IReadOnlyList<int> SelectedDimensions,
    string? SkippedReason, IReadOnlyList<DimensionTest> Dimensions);

/// <summary>
/// One region's signed effect for one stage and modality, its confidence interval (corrected procedure only),
/// test statistic, p, Benjamini-Hochberg q within the modality x stage, and significance at the FDR level.
/// </summary>
/// <param name="Effect">Corrected: mean decoded effect in control-sd units (model input scale); paper: Cohen's d, stage minus held-out controls.</param>
/// <param name="T">Corrected: one-sample t of the per-patient effects; paper: Welch's t against the held-out controls.</param>
public sealed record RegionEffect(string Region, double Effect, double? CiLower, double? CiUpper, double T, double PValue, double QValue, bool Significant);

/// <summary>The regional effects of one modality and stage, the dimensions they were decoded from, or why they were skipped.</summary>
public sealed record StageRegionEffects(string Modality, ClinicalStage Stage, int Subjects, int Controls, IReadOnlyList<int> SelectedDimensions,
    string? SkippedReason, IReadOnlyList<RegionEffect> Regions)
{
    /// <summary>Regions significant after FDR.</summary>
    public int SignificantRegions => Regions.Count(r => r.Significant);
}

/// <summary>
/// Per-subject regional values behind the effects of one modality (rows = subjects, columns = regions): under
/// the corrected procedure each patient's decoded effect; under the paper's, every scored subject's z-scored
/// decoding (or Z_mf in its fallback).
/// </summary>
public sealed record RegionalDeviationTable(string Modality, IReadOnlyList<string> RegionIds, IReadOnlyList<string> SubjectIds,
    IReadOnlyList<Split> Splits, IReadOnlyList<ClinicalStage> Stages, double[,] Values)
{
    /// <summary>Column <paramref name="region"/> restricted to the rows <paramref name="rows"/>.</summary>
    public double[] Column(int region, IReadOnlyList<int> rows) => rows.Select(i => Values[i, region]).ToArray();

    /// <summary>Rows of held-out controls.</summary>
    public int[] HoldoutRows => Enumerable.Range(0, SubjectIds.Count).Where(i => Splits[i] == Split.Holdout).ToArray();

    /// <summary>Rows of patients (split test) in <paramref name="stage"/>.</summary>
    public int[] PatientRows(ClinicalStage stage) => Enumerable.Range(0, SubjectIds.Count).Where(i => Splits[i] == Split.Test && Stages[i] == stage).ToArray();
}

/// <summary>
/// Paper Fig 5 for one trained model: which latent dimensions deviate in patients and which regions they map to,
/// by the corrected procedure (default) or the paper's (<see cref="Procedure"/>).
/// </summary>
/// <param name="EffectUnit">What <see cref="RegionEffect.Effect"/> measures: "control sd" (corrected) or "Cohen's d" (paper).</param>
/// <param name="Dimensions">Mean |Z_ml| per dimension (Fig 5A); its Selected flag is the paper's rule.</param>
/// <param name="Selections">Corrected procedure: the per-stage dimension tests; empty for the paper's.</param>
/// <param name="SelectionThreshold">Paper's procedure: the mean |Z_ml| threshold; null for the corrected one.</param>
/// <param name="PaperSelectedDimensions">Paper's procedure: the dimensions it decodes; empty for the corrected one.</param>
/// <param name="Source">Paper's procedure: which regional deviations its contrasts use; null for the corrected one.</param>
/// <param name="Note">A sentence saying how the effects were computed.</param>
public sealed record LatentToRegionMappingResult(
    MappingProcedure Procedure,
    string Method,
    string MethodKey,
    int LatentDim,
    int Seed,
    double FdrLevel,
    string EffectUnit,
    IReadOnlyList<LatentDimensionDeviation> Dimensions,
    IReadOnlyList<StageSelection> Selections,
    double? SelectionThreshold,
    IReadOnlyList<int> PaperSelectedDimensions,
    RegionalDeviationSource? Source,
    string Note,
    IReadOnlyList<StageRegionEffects> Effects)
{
    /// <summary>Per-subject values the effects were computed from (written as CSV, left out of the JSON).</summary>
    [JsonIgnore]
    public IReadOnlyList<RegionalDeviationTable> SubjectDeviations { get; init; } = [];

    /// <summary>The effects of <paramref name="stage"/> in <paramref name="modality"/>.</summary>
    public StageRegionEffects Effect(string modality, ClinicalStage stage) =>
        Effects.FirstOrDefault(c => c.Modality == modality && c.Stage == stage)
        ?? throw new ArgumentException($"No regional effects for {stage} in modality '{modality}'.");

    /// <summary>The dimension selection of <paramref name="stage"/> (corrected procedure).</summary>
    public StageSelection Selection(ClinicalStage stage) =>
        Selections.FirstOrDefault(s => s.Stage == stage)
        ?? throw new ArgumentException($"No dimension selection for {stage} (the paper's procedure selects once over all patients).");

    /// <inheritdoc cref="LatentToRegionWriter.Markdown"/>
    public string ToMarkdown() => LatentToRegionWriter.Markdown(this);

    /// <inheritdoc cref="LatentToRegionWriter.Write"/>
    public void Write(string folder) => LatentToRegionWriter.Write(this, folder);
}
