using Normative.Data;
using Normative.Data.Synthetic;

namespace Normative.Experiments;

/// <summary>
/// A cohort prepared for the experiments: the preprocessing fitted on its training controls and the
/// model inputs of the three groups every experiment uses — training controls (fit the model and the
/// normative reference), held-out controls (false-positive rate, as the paper), calibration controls (the large
/// out-of-sample control set of a synthetic cohort; empty for real data) and patients (the disease cohort).
/// </summary>
public sealed class ExperimentData : IDisposable
{
    private ExperimentData(Cohort cohort, PreprocessingState preprocessing, SyntheticGroundTruth? groundTruth)
    {
        Cohort = cohort;
        Preprocessing = preprocessing;
        GroundTruth = groundTruth;
        Train = preprocessing.TrainTensors(cohort);
        try
        {
            Holdout = preprocessing.HoldoutTensors(cohort);
            Calibration = preprocessing.CalibrationTensors(cohort);
            Patients = preprocessing.PatientTensors(cohort);
            if (Holdout.Count == 0) throw new ArgumentException($"Cohort '{cohort.Name}' has no held-out controls (split holdout); the false-positive rate needs them.");
            if (Patients.Count == 0) throw new ArgumentException($"Cohort '{cohort.Name}' has no patients (split test).");
        }
        catch
        {
            // A constructor that throws hands nothing back to dispose: free what was allocated here.
            Train.Dispose();
            Holdout?.Dispose();
            Calibration?.Dispose();
            Patients?.Dispose();
            throw;
        }
    }

    /// <summary>Prepares <paramref name="cohort"/> (and keeps its planted truth when it is synthetic).</summary>
    public static ExperimentData From(Cohort cohort, SyntheticGroundTruth? groundTruth = null) =>
        new(cohort, CohortPreprocessor.Fit(cohort), groundTruth);

    /// <summary>Prepares <paramref name="cohort"/> with a preprocessing fitted elsewhere (e.g. ComBat adapted to sites the training
    /// controls did not have); its statistics must come from <paramref name="cohort"/>'s training controls or be meant for them.</summary>
    public static ExperimentData WithPreprocessing(Cohort cohort, PreprocessingState preprocessing, SyntheticGroundTruth? groundTruth = null) =>
        new(cohort, preprocessing ?? throw new ArgumentNullException(nameof(preprocessing)), groundTruth);

    public Cohort Cohort { get; }

    public PreprocessingState Preprocessing { get; }

    /// <summary>The planted effects of a synthetic cohort; null for real data.</summary>
    public SyntheticGroundTruth? GroundTruth { get; }

    public SubjectTensors Train { get; }

    public SubjectTensors Holdout { get; }

    /// <summary>The calibration controls (split calibration); no rows when the cohort has none (e.g. real data).</summary>
    public SubjectTensors Calibration { get; }

    public SubjectTensors Patients { get; }

    /// <summary>The cohort's subject record of <paramref name="subjectId"/>.</summary>
    public Subject Subject(string subjectId) => Cohort.Subjects[Cohort.IndexOf(subjectId)];

    /// <summary>The regions of modality <paramref name="modality"/>, in column order.</summary>
    public RegionSet Regions(string modality) => Cohort.Modality(modality).Regions;

    public void Dispose()
    {
        Train.Dispose();
        Holdout.Dispose();
        Calibration.Dispose();
        Patients.Dispose();
    }
}
