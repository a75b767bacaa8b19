using Normative.Deviation;
using Normative.Ranking;

namespace Normative.Experiments;

/// <summary>
/// One ranked score of the grid: a method at one latent size in one space (or the no-model baseline), with its
/// squared distances and outlier flags per seed for the held-out controls, the calibration controls (when the cohort
/// has them) and the patients — every seed scoring the same subjects in the same order.
/// </summary>
internal sealed record RankingInputs(
    MethodSpec Method,
    int? LatentDim,
    DeviationSpace Space,
    IReadOnlyList<double[]> Holdout,
    IReadOnlyList<double[]>? Calibration,
    IReadOnlyList<double[]> Patients,
    IReadOnlyList<bool[]> HoldoutFlags,
    IReadOnlyList<bool[]>? CalibrationFlags,
    IReadOnlyList<bool[]> PatientFlags)
{
    public int Seeds => Patients.Count;

    /// <summary>The controls that thresholds and AUROC are measured on: calibration when present, else held-out.</summary>
    public IReadOnlyList<double[]> ReferenceControls => Calibration ?? Holdout;

    public string ReferenceControlsName => Calibration is null ? "holdout" : "calibration";

    /// <summary>The scores for AUROC: reference controls against the patients at <paramref name="rows"/>.</summary>
    public SeedScores Scores(IReadOnlyList<int> rows) =>
        new SeedScores(ReferenceControls, Patients).WithPatients(rows);

    /// <summary>The runs of one grid cell (every seed) in one space.</summary>
    public static RankingInputs Of(MethodSpec method, int latentDim, DeviationSpace space, IReadOnlyList<ModelEvaluation> runs)
    {
        if (runs.Count == 0) throw new ArgumentException($"No runs of '{method.Label}' at d = {latentDim}.", nameof(runs));
        bool calibrated = runs.All(r => r.Calibration is not null);
        return new RankingInputs(method, latentDim, space,
            runs.Select(r => Distances(r.Holdout.Deviations, space)).ToArray(),
            calibrated ? runs.Select(r => Distances(r.Calibration!.Deviations, space)).ToArray() : null,
            runs.Select(r => Distances(r.Patients.Deviations, space)).ToArray(),
            runs.Select(r => Flags(r.Holdout.Deviations, space)).ToArray(),
            calibrated ? runs.Select(r => Flags(r.Calibration!.Deviations, space)).ToArray() : null,
            runs.Select(r => Flags(r.Patients.Deviations, space)).ToArray());
    }

    /// <summary>The no-model baseline: one "seed", feature space only.</summary>
    public static RankingInputs Of(BaselineEvaluation baseline) =>
        new(BaselineEvaluation.Method, null, DeviationSpace.Feature,
            [baseline.Holdout.Scores.SquaredDistance.ToArray()],
            baseline.Calibration is { } c ? [c.Scores.SquaredDistance.ToArray()] : null,
            [baseline.Patients.Scores.SquaredDistance.ToArray()],
            [baseline.Holdout.Scores.Outlier.ToArray()],
            baseline.Calibration is { } f ? [f.Scores.Outlier.ToArray()] : null,
            [baseline.Patients.Scores.Outlier.ToArray()]);

    private static double[] Distances(DeviationScores d, DeviationSpace space) => space switch
    {
        DeviationSpace.Latent => d.LatentSquaredDistance.ToArray(),
        DeviationSpace.Feature => d.FeatureSquaredDistance.ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(space), space, "Unknown deviation space."),
    };

    private static bool[] Flags(DeviationScores d, DeviationSpace space) => space switch
    {
        DeviationSpace.Latent => d.LatentOutlier.ToArray(),
        DeviationSpace.Feature => d.FeatureOutlier.ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(space), space, "Unknown deviation space."),
    };
}
