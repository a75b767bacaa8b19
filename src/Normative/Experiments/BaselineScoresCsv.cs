using Normative.Data;

namespace Normative.Experiments;

/// <summary>
/// The no-model baseline's per-subject file, <c>subjects/baseline.csv</c>, laid out like a model's
/// (<see cref="SubjectScoresCsv"/>) minus what the baseline does not have (latents, D_ml, reconstruction errors):
/// <c>subject_id, split, group, cdr, d_mf, outlier_mf, p_mf, modalities, in_training</c>, then one
/// <c>res_&lt;modality&gt;_&lt;region&gt;</c> column per region holding the signed residual z-score (the baseline's regional
/// deviation; empty for a modality the subject lacks). Rows: training controls, held-out controls, patients; the
/// calibration controls' distances go to <c>baseline-calibration.csv</c> (same columns without the regional ones), as
/// for the models. With these files every baseline number of the report can be recomputed.
/// </summary>
public static class BaselineScoresCsv
{
    /// <summary>The main file's name under <c>subjects/</c>.</summary>
    public const string FileName = "baseline.csv";

    /// <summary>The calibration controls' companion file.</summary>
    public const string CalibrationFileName = "baseline-calibration.csv";

    /// <summary>Writes <see cref="FileName"/> (and <see cref="CalibrationFileName"/> when there are calibration controls) into <paramref name="folder"/>.</summary>
    public static void Write(string folder, ExperimentData data, BaselineEvaluation baseline)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(baseline);
        Directory.CreateDirectory(folder);
        var regionColumns = data.Train.ModalityNames
            .SelectMany(m => data.Cohort.Modality(m).Regions.Ids.Select(r => $"res_{m}_{r}")).ToArray();
        string[] distances = ["subject_id", "split", "group", "cdr", "d_mf", "outlier_mf", "p_mf", "modalities", "in_training"];
        var trainingIds = baseline.TrainControls.SubjectIds.ToHashSet(StringComparer.Ordinal);
        ResultFiles.WriteCsv(Path.Combine(folder, FileName), [.. distances, .. regionColumns],
            new[] { baseline.TrainControls, baseline.Holdout, baseline.Patients }.SelectMany(g => Rows(data, g, trainingIds, regionColumns.Length)));
        if (baseline.Calibration is { Count: > 0 } calibration)
            ResultFiles.WriteCsv(Path.Combine(folder, CalibrationFileName), distances, Rows(data, calibration, trainingIds, 0));
    }

    private static IEnumerable<IReadOnlyList<object?>> Rows(ExperimentData data, BaselineGroup group, HashSet<string> trainingIds, int regions)
    {
        for (int i = 0; i < group.Count; i++)
        {
            var subject = data.Subject(group.SubjectIds[i]);
            var row = new List<object?>
            {
                subject.Id, subject.Split.ToString().ToLowerInvariant(), subject.Group.ToString().ToLowerInvariant(), subject.Cdr,
                Math.Sqrt(group.Scores.SquaredDistance[i]), group.Scores.Outlier[i], group.Scores.PValue[i], group.Patterns[i].Key,
                trainingIds.Contains(subject.Id),
            };
            for (int j = 0; j < regions; j++)
                row.Add(double.IsNaN(group.Scores.RegionalZ[i, j]) ? null : group.Scores.RegionalZ[i, j]);
            yield return row;
        }
    }
}
