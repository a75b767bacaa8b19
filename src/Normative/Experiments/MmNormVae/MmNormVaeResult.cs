using System.Text.Json.Serialization;

namespace Normative.Experiments.MmNormVae;

/// <summary>Mean regional deviation and frequency of significance of one group in one region, for one model run.</summary>
/// <param name="Handling">Site handling (none / combat_adapted).</param>
/// <param name="Method">Method label.</param>
/// <param name="Seed">Training seed.</param>
/// <param name="Modality">Feature set.</param>
/// <param name="Region">Region id.</param>
/// <param name="Group">control_study_holdout, clinical_controls, preclinical, cdr05 or cdr1plus.</param>
/// <param name="Subjects">Subjects in the group.</param>
/// <param name="MeanDeviation">Mean regional deviation: the z-score of the reconstruction error against the training controls' errors.</param>
/// <param name="FrequencyUncorrected">Fraction of the group with a one-sided p = 1 - Phi(z) below alpha in this region.</param>
/// <param name="FrequencyFdr">The same after Benjamini-Hochberg across each subject's regions at level alpha.</param>
public sealed record RegionDeviation(string Handling, string Method, int Seed, string Modality, string Region, string Group, int Subjects,
    double MeanDeviation, double FrequencyUncorrected, double FrequencyFdr);

/// <summary>One group's summary over regions for one model run.</summary>
/// <param name="SignificantRegions">Regions whose mean deviation is above the norm (one-sample t-test of the z-scores against 0,
/// Benjamini-Hochberg across regions at alpha, mean &gt; 0).</param>
/// <param name="MeanFrequencyUncorrected">Frequency of significance averaged over regions (nominal alpha for calibrated controls).</param>
/// <param name="MeanFrequencyFdr">The same, FDR-corrected.</param>
/// <param name="MeanDeviation">Mean regional deviation over regions and subjects.</param>
/// <param name="LatentOutlierRate">Fraction flagged by the latent Mahalanobis outlier rule.</param>
/// <param name="FeatureOutlierRate">Fraction flagged by the feature-space Mahalanobis outlier rule.</param>
public sealed record GroupSummary(string Handling, string Method, int Seed, string Group, int Subjects, int SignificantRegions,
    double MeanFrequencyUncorrected, double MeanFrequencyFdr, double MeanDeviation, double LatentOutlierRate, double FeatureOutlierRate);

/// <summary>Pearson correlation of a subject-level deviation with ADAS13 across the clinical study's patients, with Fisher's 95 % CI.</summary>
/// <param name="Deviation">mean_regional (mean regional deviation over all regions), d_mf or d_ml (squared Mahalanobis distances).</param>
public sealed record CognitionRow(string Handling, string Method, int Seed, string Deviation, int Subjects, double R, double PValue, double Lower, double Upper);

/// <summary>Wall time of one training (all seeds of a stack together).</summary>
/// <param name="Stacked">Whether the seeds were trained as one stacked module.</param>
/// <param name="TrainControls">Controls trained on.</param>
public sealed record TrainingWallTime(string Handling, string Method, IReadOnlyList<int> Seeds, bool Stacked, int TrainControls, int Epochs, double Seconds);

/// <summary>Sizes and sites of the two studies as generated.</summary>
public sealed record StudySummary(string ControlStudy, int TrainControls, int ControlHoldout, IReadOnlyList<string> ControlSites,
    string ClinicalStudy, int AdaptationControls, int ClinicalControls, IReadOnlyDictionary<string, int> Patients, IReadOnlyList<string> ClinicalSites,
    IReadOnlyDictionary<string, int> FeatureSets);

/// <summary>Everything the mmNormVAE experiment computed; <see cref="MmNormVaeWriter"/> writes it.</summary>
public sealed record MmNormVaeResult(
    string Configuration,
    StudySummary Studies,
    int LatentDim,
    double Alpha,
    IReadOnlyList<RegionDeviation> Regions,
    IReadOnlyList<GroupSummary> Groups,
    IReadOnlyList<CognitionRow> Cognition,
    IReadOnlyList<TrainingWallTime> TrainingTimes,
    RunRecord Run)
{
    /// <summary>The calibration report (issue 20) of every scoring's out-of-sample controls; written as <c>calibration.json</c>, not
    /// part of <c>mmnormvae.json</c>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Deviation.CalibrationReport? Calibration { get; init; }

    /// <summary>The group of the control study's held-out controls (tables and calibration.json).</summary>
    public const string ControlStudyHoldout = "control_study_holdout";

    /// <summary>The group of the clinical study's held-out controls (tables and calibration.json).</summary>
    public const string ClinicalControls = "clinical_controls";

    /// <summary>Per handling, method, seed and patient group: how well the deviation map finds the planted regions.</summary>
    public IReadOnlyList<PlantedRegionRecovery> PlantedTruth { get; init; } = [];

    /// <summary>Group order of every table.</summary>
    public static IReadOnlyList<string> GroupOrder { get; } = [ControlStudyHoldout, ClinicalControls, "preclinical", "cdr05", "cdr1plus"];

    /// <summary>The group summary of a run.</summary>
    public GroupSummary Group(string handling, string method, int seed, string group) =>
        Groups.FirstOrDefault(g => g.Handling == handling && g.Method == method && g.Seed == seed && g.Group == group)
        ?? throw new ArgumentException($"No summary of group '{group}' for {method} (seed {seed}, {handling}).");

    /// <summary>The cognition row of a run.</summary>
    public CognitionRow CognitionOf(string handling, string method, int seed, string deviation) =>
        Cognition.FirstOrDefault(c => c.Handling == handling && c.Method == method && c.Seed == seed && c.Deviation == deviation)
        ?? throw new ArgumentException($"No '{deviation}' correlation for {method} (seed {seed}, {handling}).");

    /// <summary>The site-handling codes present, in run order.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Handlings => Groups.Select(g => g.Handling).Distinct().ToArray();

    /// <summary>The method labels present, in run order.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Methods => Groups.Select(g => g.Method).Distinct().ToArray();

    /// <summary>The seeds present.</summary>
    [JsonIgnore]
    public IReadOnlyList<int> Seeds => Groups.Select(g => g.Seed).Distinct().Order().ToArray();
}
