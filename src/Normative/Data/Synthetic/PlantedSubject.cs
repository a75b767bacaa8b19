namespace Normative.Data.Synthetic;

/// <summary>What the generator planted in one subject.</summary>
/// <param name="SubjectId">Subject id.</param>
/// <param name="Stage">Clinical stage.</param>
/// <param name="Subtype">Atrophy subtype name (<c>none</c> for controls).</param>
/// <param name="Severity">Atrophy severity multiplier s_i (0 for controls).</param>
/// <param name="AmyloidBurden">Amyloid burden B_i (SUVR) that sets how far amyloid has spread (sub-threshold for
/// controls and the amyloid-negative impaired group).</param>
/// <param name="AmyloidExcess">Planted cortical-summary amyloid excess E_i in SUVR: mean planted amyloid effect over the
/// summary regions (small but not zero for amyloid-negative subjects).</param>
/// <param name="SummarySuvr">Cortical summary SUVR of the written data (UC Berkeley composite regions).</param>
/// <param name="SharedFactors">The healthy shared latent factors u_i that drive both modalities.</param>
/// <param name="Effects">Planted effect per modality (MRI, amyloid) and region, in raw units (mm³, SUVR):
/// written value minus the subject's healthy counterfactual. Controls: no MRI effect, sub-threshold amyloid.</param>
public sealed record PlantedSubject(
    string SubjectId,
    ClinicalStage Stage,
    string Subtype,
    double Severity,
    double AmyloidBurden,
    double AmyloidExcess,
    double SummarySuvr,
    double[] SharedFactors,
    double[][] Effects);
