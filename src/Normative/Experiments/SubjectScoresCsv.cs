using Normative.Data;
using Normative.Deviation;
using Normative.Training;

namespace Normative.Experiments;

/// <summary>
/// The per-subject scores file (design §8): one row per subject with, in this order,
/// <c>subject_id, split, group, cdr, z_1 … z_d, d_ml, d_mf, outlier_ml, outlier_mf</c>, one
/// <c>rec_&lt;modality&gt;_&lt;region&gt;</c> error column per region, one <c>zmf_&lt;modality&gt;_&lt;region&gt;</c>
/// column per region, then <c>p_ml, p_mf</c>, <c>modalities</c> (what the subject was scored with, e.g.
/// <c>mri+amyloid</c> or <c>mri</c>; the rec_, zmf_ and res_ cells of a modality it lacks are empty),
/// <c>in_training</c> (the subject is one of the model's training controls, so its scores are in-sample), then one
/// <c>res_&lt;modality&gt;_&lt;region&gt;</c> column per region. d_ml and d_mf are Mahalanobis distances (the square roots of
/// Eqs. 12-13's quadratic forms); rec_* are the per-region errors of the conventions' kind; res_* the signed regional
/// deviations (x - x̂) / sd of the training controls' residuals (negative: below the model's prediction; disease lowers
/// MRI volumes and raises amyloid SUVR, <see cref="DiseaseDirections"/>). Every table of the package can be recomputed
/// from these files.
/// </summary>
public static class SubjectScoresCsv
{
    /// <summary>One group's rows: the model outputs and the deviations of the same subjects, same order.</summary>
    public sealed record Group(SubjectScores Scores, DeviationScores Deviations);

    /// <summary>Writes the rows of <paramref name="groups"/> (e.g. training controls, held-out controls, patients) to <paramref name="path"/>.</summary>
    /// <param name="path">CSV file.</param>
    /// <param name="cohort">The cohort the subjects come from.</param>
    /// <param name="groups">The scored groups.</param>
    /// <param name="inTraining">Whether a subject id was among the model's training subjects; default: the cohort's training controls (split train, group control).</param>
    public static void Write(string path, Cohort cohort, IReadOnlyList<Group> groups, Func<string, bool>? inTraining = null)
    {
        inTraining ??= id => cohort.Subjects[cohort.IndexOf(id)] is { Split: Split.Train, Group: SubjectGroup.Control };
        ArgumentNullException.ThrowIfNull(cohort);
        if (groups.Count == 0) throw new ArgumentException("No subjects to write.", nameof(groups));
        var first = groups[0].Scores;
        int d = first.Latent.GetLength(1);
        var regionColumns = first.ModalityNames
            .SelectMany(m => cohort.Modality(m).Regions.Ids.Select(r => $"{m}_{r}")).ToArray();
        var header = new List<string> { "subject_id", "split", "group", "cdr" };
        header.AddRange(Enumerable.Range(1, d).Select(k => $"z_{k}"));
        header.AddRange(["d_ml", "d_mf", "outlier_ml", "outlier_mf"]);
        header.AddRange(regionColumns.Select(c => $"rec_{c}"));
        header.AddRange(regionColumns.Select(c => $"zmf_{c}"));
        header.AddRange(["p_ml", "p_mf", "modalities", "in_training"]);
        if (groups.Any(g => g.Deviations.SignedResiduals is null) && groups.Any(g => g.Deviations.SignedResiduals is not null))
            throw new ArgumentException("Some groups carry signed residuals and others do not; score them all against the same reference.", nameof(groups));
        bool residuals = groups[0].Deviations.SignedResiduals is not null;
        if (residuals) header.AddRange(regionColumns.Select(c => $"res_{c}"));

        ResultFiles.WriteCsv(path, header, groups.SelectMany(g => Rows(cohort, g, d, regionColumns.Length, inTraining, residuals)));
    }

    private static IEnumerable<IReadOnlyList<object?>> Rows(Cohort cohort, Group group, int d, int regions, Func<string, bool> inTraining, bool residuals)
    {
        var errors = group.Scores.AllErrors();
        for (int i = 0; i < group.Scores.SubjectIds.Count; i++)
        {
            var subject = cohort.Subjects[cohort.IndexOf(group.Scores.SubjectIds[i])];
            var row = new List<object?>
            {
                subject.Id, subject.Split.ToString().ToLowerInvariant(), subject.Group.ToString().ToLowerInvariant(), subject.Cdr,
            };
            // Latents and errors come from float32 tensors: writing them as float keeps every digit they carry.
            for (int k = 0; k < d; k++) row.Add((float)group.Scores.Latent[i, k]);
            row.Add(Math.Sqrt(group.Deviations.LatentSquaredDistance[i]));
            row.Add(Math.Sqrt(group.Deviations.FeatureSquaredDistance[i]));
            row.Add(group.Deviations.LatentOutlier[i]);
            row.Add(group.Deviations.FeatureOutlier[i]);
            // An unobserved modality has no error and no Z_mf: an empty cell, never a number.
            for (int j = 0; j < regions; j++) row.Add(double.IsNaN(errors[i, j]) ? null : (float)errors[i, j]);
            for (int j = 0; j < regions; j++) row.Add(double.IsNaN(group.Deviations.FeatureZ[i, j]) ? null : group.Deviations.FeatureZ[i, j]);
            row.Add(group.Deviations.LatentPValue[i]);
            row.Add(group.Deviations.FeaturePValue[i]);
            row.Add(group.Scores.Pattern(i).Key);
            row.Add(inTraining(subject.Id));
            if (residuals)
                for (int j = 0; j < regions; j++)
                    row.Add(double.IsNaN(group.Deviations.SignedResiduals![i, j]) ? null : group.Deviations.SignedResiduals[i, j]);
            yield return row;
        }
    }

    /// <summary>
    /// Writes the calibration controls' distances (<c>subject_id, split, group, cdr, d_ml, d_mf, outlier_ml, outlier_mf,
    /// p_ml, p_mf, modalities</c>) to <paramref name="path"/>: what the ranking tables read from them. No per-region
    /// columns: 2,000 controls x 540 regional cells per model would triple the results folder for numbers no table uses.
    /// </summary>
    public static void WriteDistances(string path, Cohort cohort, Group group)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(group);
        string[] header = ["subject_id", "split", "group", "cdr", "d_ml", "d_mf", "outlier_ml", "outlier_mf", "p_ml", "p_mf", "modalities"];
        ResultFiles.WriteCsv(path, header, Enumerable.Range(0, group.Scores.SubjectIds.Count).Select(i =>
        {
            var subject = cohort.Subjects[cohort.IndexOf(group.Scores.SubjectIds[i])];
            return (IReadOnlyList<object?>)
            [
                subject.Id, subject.Split.ToString().ToLowerInvariant(), subject.Group.ToString().ToLowerInvariant(), subject.Cdr,
                Math.Sqrt(group.Deviations.LatentSquaredDistance[i]), Math.Sqrt(group.Deviations.FeatureSquaredDistance[i]),
                group.Deviations.LatentOutlier[i], group.Deviations.FeatureOutlier[i],
                group.Deviations.LatentPValue[i], group.Deviations.FeaturePValue[i], group.Scores.Pattern(i).Key,
            ];
        }));
    }

    /// <summary>The three groups of a grid run, training controls first.</summary>
    public static IReadOnlyList<Group> GroupsOf(ModelEvaluation run) =>
    [
        new(run.TrainControls.Scores, run.TrainControls.Deviations),
        new(run.Holdout.Scores, run.Holdout.Deviations),
        new(run.Patients.Scores, run.Patients.Deviations),
    ];
}
