using Normative.Data;
using Normative.Data.Synthetic;

namespace Normative.Experiments;

/// <summary>The patient stages of the paper's contrasts (§4.4) and the lookup of each scored subject's stage.</summary>
public static class ClinicalStages
{
    /// <summary>Preclinical (CDR 0, A+), CDR 0.5 and CDR &gt;= 1, in order of severity. Amyloid-negative impaired
    /// patients (<see cref="ClinicalStage.AmyloidNegativeImpaired"/>) are not an AD stage and are not listed.</summary>
    public static IReadOnlyList<ClinicalStage> Patients { get; } = [ClinicalStage.Preclinical, ClinicalStage.Cdr05, ClinicalStage.Cdr1Plus];

    /// <summary>The stage of every subject of <paramref name="subjectIds"/>, same order.</summary>
    public static ClinicalStage[] Of(ExperimentData data, IReadOnlyList<string> subjectIds) =>
        subjectIds.Select(id => data.Subject(id).Stage).ToArray();

    /// <summary>Positions in <paramref name="stages"/> holding <paramref name="stage"/>.</summary>
    public static int[] RowsOf(IReadOnlyList<ClinicalStage> stages, ClinicalStage stage) =>
        Enumerable.Range(0, stages.Count).Where(i => stages[i] == stage).ToArray();

    /// <summary>The stage as written in CSV files: control, preclinical, cdr05, cdr1plus, aneg_impaired (as the ground-truth file).</summary>
    public static string Code(ClinicalStage stage) => SyntheticGroundTruth.FormatStage(stage);

    /// <summary>A label for Markdown tables.</summary>
    public static string Label(ClinicalStage stage) => stage switch
    {
        ClinicalStage.Control => "Controls",
        ClinicalStage.Preclinical => "Preclinical (CDR 0, A+)",
        ClinicalStage.Cdr05 => "CDR 0.5",
        ClinicalStage.Cdr1Plus => "CDR ≥ 1",
        ClinicalStage.AmyloidNegativeImpaired => "Impaired, A− (not AD)",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown clinical stage."),
    };
}
