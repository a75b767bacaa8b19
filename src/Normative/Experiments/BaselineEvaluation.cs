using Normative.Data;
using Normative.Deviation;

namespace Normative.Experiments;

/// <summary>One group's no-model baseline scores, rows in <see cref="SubjectIds"/> order.</summary>
/// <param name="Patterns">Per subject the modalities it was scored with (e.g. <c>mri+amyloid</c>, or <c>mri</c> without PET).</param>
public sealed record BaselineGroup(IReadOnlyList<string> SubjectIds, NoModelScores Scores, IReadOnlyList<ModalityPattern> Patterns)
{
    public int Count => SubjectIds.Count;
}

/// <summary>
/// The no-model baseline of a grid (issue 21): <see cref="NoModelReference"/> fitted on the training controls' model
/// inputs (every modality's regional values, ICV-normalised and z-scored as the models see them) with age (years) and
/// sex (male = 1) as covariates, under the grid's deviation conventions, and every evaluation group scored against it.
/// It has no latent space and no seed: its distance is the counterpart of a model's D_mf only.
/// </summary>
public sealed class BaselineEvaluation
{
    /// <summary>The baseline's row in every table; its key "baseline" is what <c>--models</c> accepts.</summary>
    public static MethodSpec Method { get; } = new("No-model baseline", "No-model baseline", "baseline");

    private BaselineEvaluation(NoModelReference reference, BaselineGroup train, BaselineGroup holdout, BaselineGroup patients, BaselineGroup? calibration)
    {
        Reference = reference;
        TrainControls = train;
        Holdout = holdout;
        Patients = patients;
        Calibration = calibration;
    }

    /// <summary>
    /// Fits the baseline on <paramref name="data"/>'s training controls and scores every group; a subject lacking a
    /// modality is scored over the regions it has (<see cref="NoModelReference"/>).
    /// </summary>
    /// <exception cref="ArgumentException">A training control lacks a modality (the reference needs every regional value).</exception>
    public static BaselineEvaluation Run(ExperimentData data, DeviationConventions conventions)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(conventions);
        if (data.Train.Count > 0 && !data.Train.IsComplete)
            throw new ArgumentException("The no-model baseline is fitted on training controls with every modality; some training controls lack one.", nameof(data));
        var reference = NoModelReference.Fit(Values(data.Train, Patterns(data.Train)), Covariates(data, data.Train), conventions);
        BaselineGroup Group(SubjectTensors group)
        {
            var patterns = Patterns(group);
            return new(group.SubjectIds, reference.Score(Values(group, patterns), Covariates(data, group)), patterns);
        }
        return new BaselineEvaluation(reference, Group(data.Train), Group(data.Holdout), Group(data.Patients),
            data.Calibration.Count > 0 ? Group(data.Calibration) : null);
    }

    public NoModelReference Reference { get; }

    public BaselineGroup TrainControls { get; }

    public BaselineGroup Holdout { get; }

    public BaselineGroup Patients { get; }

    /// <summary>The calibration controls; null when the cohort has none.</summary>
    public BaselineGroup? Calibration { get; }

    /// <summary>LR+ of the baseline's outliers, patients against held-out controls (Table 1 B's definition).</summary>
    public LikelihoodRatio LikelihoodRatio => PositiveLikelihoodRatio.Compute(Patients.Scores.Outlier, Holdout.Scores.Outlier);

    /// <summary>[n, R] every modality's regional values side by side, in the tensors' modality order; NaN where the
    /// subject lacks the modality (<paramref name="patterns"/>: each row's observed modalities).</summary>
    internal static double[,] Values(SubjectTensors group, IReadOnlyList<ModalityPattern> patterns)
    {
        int n = group.Count, width = group.FeatureCounts.Sum();
        var values = new double[n, width];
        int offset = 0;
        for (int m = 0; m < group.ModalityCount; m++)
        {
            int p = group.FeatureCounts[m];
            float[] flat = group.Modalities[m].data<float>().ToArray();
            for (int i = 0; i < n; i++)
            {
                bool observed = patterns[i].Contains(group.ModalityNames[m]);
                for (int j = 0; j < p; j++) values[i, offset + j] = observed ? flat[i * p + j] : double.NaN;
            }
            offset += p;
        }
        return values;
    }

    private static ModalityPattern[] Patterns(SubjectTensors group) => group.Count == 0 ? [] : Training.ScorablePatterns.PatternsOf(group);

    /// <summary>[n, 2] age in years and sex (male = 1) of each subject of <paramref name="group"/>.</summary>
    internal static double[,] Covariates(ExperimentData data, SubjectTensors group)
    {
        var covariates = new double[group.Count, 2];
        for (int i = 0; i < group.Count; i++)
        {
            var subject = data.Subject(group.SubjectIds[i]);
            covariates[i, 0] = subject.Age;
            covariates[i, 1] = subject.Sex == Sex.Male ? 1 : 0;
        }
        return covariates;
    }
}
