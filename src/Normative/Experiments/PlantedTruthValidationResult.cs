using Normative.Data;

namespace Normative.Experiments;

/// <summary>
/// One region's planted truth for a stage and modality, and the two estimates it is compared with.
/// </summary>
/// <param name="MeanRawEffect">Mean planted effect over the stage's patients in raw units (mm³, SUVR).</param>
/// <param name="PlantedEffect">The same on the model's scale, signed: mean over the stage's patients of E_ij (/ ICV_i
/// for ICV-normalised modalities) / sd_j, sd_j the training controls' sd of the model input (its z-score unit).</param>
/// <param name="Planted">|<paramref name="PlantedEffect"/>| &gt;= the planted threshold.</param>
/// <param name="ModelEffect">The mapping's signed regional effect (its unit: <see cref="PlantedTruthValidationResult.EffectUnit"/>); null when it skipped the stage.</param>
/// <param name="CeilingEffect">The no-model ceiling: mean over the stage's patients of the covariate-adjusted model input, in the same units as <paramref name="PlantedEffect"/>.</param>
/// <param name="ResidualEffect">Mean over the stage's patients of the run's signed regional deviation (x - x̂) / sd (training controls' residual sd):
/// what the model leaves outside its latent; null when the run kept no residuals.</param>
public sealed record PlantedRegion(string Modality, ClinicalStage Stage, string Region, double MeanRawEffect, double PlantedEffect, bool Planted,
    double? ModelEffect, double CeilingEffect, double? ResidualEffect);

/// <summary>
/// How well one set of signed regional effects recovers the planted truth of a stage and modality.
/// </summary>
/// <param name="Auroc">AUROC of |effect| for planted vs unplanted regions; null when not informative (see <paramref name="AurocNote"/>).</param>
/// <param name="AurocNote">Why <paramref name="Auroc"/> is null (e.g. fewer than 5 unplanted regions); null otherwise.</param>
/// <param name="Spearman">Spearman's rho of the signed effects against the signed planted effects over every region; null when undefined.</param>
/// <param name="SignAgreement">Fraction of the planted regions whose effect has the planted sign; null without planted regions.</param>
public sealed record RecoveryMetrics(double? Auroc, string? AurocNote, double? Spearman, double? SignAgreement);

/// <summary>
/// The recovery of one stage and modality by the model's latent-to-region mapping, by the no-model ceiling and by the
/// run's signed regional residuals, or why one is missing.
/// </summary>
public sealed record PlantedRecovery(string Modality, ClinicalStage Stage, int Subjects, int PlantedRegions, int OtherRegions,
    RecoveryMetrics? Model, RecoveryMetrics? Ceiling, string? Reason, RecoveryMetrics? Residual);

/// <summary>
/// The held-out-control false-positive rate of D_ml and D_mf outliers for one method and latent size: per seed
/// the fraction of held-out controls flagged, and the mean over seeds (compare with the nominal alpha).
/// </summary>
public sealed record OutlierFalsePositiveRate(string Method, string MethodKey, int LatentDim, IReadOnlyList<int> Seeds, int Controls,
    IReadOnlyList<double> LatentRates, IReadOnlyList<double> FeatureRates, double LatentMean, double FeatureMean);

/// <summary>
/// The planted-truth check of a synthetic cohort for one run (method, latent size, seed): per stage and modality,
/// how well the latent-to-region mapping's signed effects recover the planted ones next to the no-model ceiling,
/// and how the held-out-control false-positive rate compares with the nominal alpha.
/// </summary>
/// <param name="Procedure">The mapping procedure whose effects are scored.</param>
/// <param name="EffectUnit">Unit of <see cref="PlantedRegion.ModelEffect"/> ("control sd" = the model's scale, or "Cohen's d").</param>
/// <param name="PlantedThreshold">A region is planted for a stage when |planted effect| &gt;= this (model scale).</param>
/// <param name="RunFalsePositives">This run's rates (one seed).</param>
/// <param name="GridFalsePositives">Every method x latent size of the grid, mean over seeds.</param>
public sealed record PlantedTruthValidationResult(
    string Method,
    string MethodKey,
    int LatentDim,
    int Seed,
    MappingProcedure Procedure,
    string EffectUnit,
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

    /// <inheritdoc cref="PlantedTruthWriter.Markdown"/>
    public string ToMarkdown() => PlantedTruthWriter.Markdown(this);

    /// <inheritdoc cref="PlantedTruthWriter.Write"/>
    public void Write(string folder) => PlantedTruthWriter.Write(this, folder);
}
