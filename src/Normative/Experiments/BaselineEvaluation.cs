using Normative.Data;
using Normative.Deviation;

namespace Normative.Experiments;

/// <summary>One group's no-model baseline scores, rows in <see cref="SubjectIds"/> order.</summary>
public sealed record BaselineGroup(IReadOnlyList<string> SubjectIds, NoModelScores Scores)
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

    /// <summary>Fits the baseline on <paramref name="data"/>'s training controls and scores every group.</summary>
    /// <exception cref="ArgumentException">A subject lacks a modality (the baseline needs every regional value).</exception>
    public static BaselineEvaluation Run(ExperimentData data, DeviationConventions conventions)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(conventions);
        var reference = NoModelReference.Fit(Values(data.Train), Covariates(data, data.Train), conventions);
        BaselineGroup Group(SubjectTensors group) => new(group.SubjectIds, reference.Score(Values(group), Covariates(data, group)));
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

    /// <summary>[n, R] every modality's regional values side by side, in the tensors' modality order.</summary>
    internal static double[,] Values(SubjectTensors group)
    {
        if (group.Count > 0 && !group.IsComplete)
            throw new ArgumentException("The no-model baseline needs every modality of every subject; some subjects lack one (a missing-modality baseline is not implemented).");
        int n = group.Count, width = group.FeatureCounts.Sum();
        var values = new double[n, width];
        int offset = 0;
        foreach (var modality in group.Modalities)
        {
            int p = (int)modality.shape[1];
            float[] flat = modality.data<float>().ToArray();
            for (int i = 0; i < n; i++)
                for (int j = 0; j < p; j++) values[i, offset + j] = flat[i * p + j];
            offset += p;
        }
        return values;
    }

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
