namespace Normative.Data;

/// <summary>Which part of the analysis a subject belongs to (design §2).</summary>
public enum Split
{
    /// <summary>Training controls: fit the normative model and the z-scoring statistics.</summary>
    Train,
    /// <summary>Held-out controls: estimate the false-positive rate.</summary>
    Holdout,
    /// <summary>
    /// A large set of out-of-sample controls (synthetic cohorts: 2,000 by default), generated like the held-out ones and
    /// never used for training or fitting references: the false-positive rate with a usable resolution (issue 15).
    /// </summary>
    Calibration,
    /// <summary>Evaluation subjects (the disease cohort).</summary>
    Test,
}

/// <summary>Diagnostic group.</summary>
public enum SubjectGroup
{
    /// <summary>Cognitively unimpaired (CDR 0), amyloid-negative.</summary>
    Control,
    /// <summary>Alzheimer's disease spectrum.</summary>
    Patient,
}

public enum Sex
{
    Female,
    Male,
}

/// <summary>The paper's evaluation groups (mmSIVAE §4.1), derived from group and CDR.</summary>
public enum ClinicalStage
{
    Control,
    /// <summary>Patient with CDR 0 (amyloid-positive in the paper: the preclinical stage).</summary>
    Preclinical,
    /// <summary>Patient with CDR 0.5.</summary>
    Cdr05,
    /// <summary>Patient with CDR 1, 2 or 3.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("cdr1plus")] // one spelling in JSON, CSV and ground truth
    Cdr1Plus,
    /// <summary>Impaired patient (CDR &gt; 0) who is amyloid-negative: cognitive impairment not due to Alzheimer's disease.
    /// Not one of the paper's stages; kept apart so that it is never folded into the AD stages.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("aneg_impaired")]
    AmyloidNegativeImpaired,
}

/// <summary>One row of the subjects table.</summary>
/// <param name="Id">Unique subject id (the join key of every table).</param>
/// <param name="Split">Train, hold-out, calibration or test.</param>
/// <param name="Group">Control or patient.</param>
/// <param name="Cdr">Global Clinical Dementia Rating: 0, 0.5, 1, 2 or 3.</param>
/// <param name="AmyloidPositive">Amyloid PET status (whole-cerebellum summary SUVR at or above the cut-off).</param>
/// <param name="Age">Age in years at the scan.</param>
/// <param name="Sex">Sex.</param>
/// <param name="IcvMm3">Intracranial volume in mm³ (divides MRI volumes; design §2); null when not measured,
/// which the loader allows only when no modality divides by it.</param>
/// <param name="Adas13">ADAS-Cog 13 total (0-85), null when not measured.</param>
/// <param name="Site">Acquisition site or scanner (optional column <c>site</c>); what ComBat harmonises (null when not given).</param>
public sealed record Subject(
    string Id,
    Split Split,
    SubjectGroup Group,
    double Cdr,
    bool AmyloidPositive,
    double Age,
    Sex Sex,
    double? IcvMm3,
    double? Adas13,
    string? Site = null)
{
    /// <summary>The CDR values the loader accepts.</summary>
    public static IReadOnlyList<double> CdrValues { get; } = [0, 0.5, 1, 2, 3];

    /// <summary>The evaluation group: controls; amyloid-negative impaired patients (CDR &gt; 0, A−) apart; the other
    /// patients by CDR.</summary>
    public ClinicalStage Stage => Group == SubjectGroup.Control ? ClinicalStage.Control
        : !AmyloidPositive && Cdr > 0 ? ClinicalStage.AmyloidNegativeImpaired
        : Cdr switch
        {
            0 => ClinicalStage.Preclinical,
            0.5 => ClinicalStage.Cdr05,
            _ => ClinicalStage.Cdr1Plus,
        };

    /// <summary>The ICV, or an error naming the subject when it was not measured.</summary>
    public double RequireIcv() => IcvMm3
        ?? throw new InvalidOperationException($"Subject '{Id}' has no intracranial volume (icv), but a modality divides by it.");
}
