using Normative.Deviation;
using Normative.Models;
using Normative.Training;

namespace Normative.Experiments;

/// <summary>
/// One trained model of the grid (method x latent size x seed) with everything the experiments read:
/// its training history, the normative reference fitted on the training controls, and the scored
/// training controls, held-out controls, patients and (synthetic cohorts) the calibration controls.
/// </summary>
public sealed class ModelEvaluation : IDisposable
{
    public ModelEvaluation(MethodSpec method, int latentDim, int seed, MultimodalVae model, TrainingHistory history,
        TimeSpan trainingTime, NormativeReference reference, GroupEvaluation trainControls, GroupEvaluation holdout, GroupEvaluation patients,
        GroupEvaluation? calibration = null)
    {
        Method = method;
        LatentDim = latentDim;
        Seed = seed;
        Model = model;
        History = history;
        TrainingTime = trainingTime;
        Reference = reference;
        TrainControls = trainControls;
        Holdout = holdout;
        Patients = patients;
        Calibration = calibration;
    }

    public MethodSpec Method { get; }

    public int LatentDim { get; }

    public int Seed { get; }

    /// <summary>The trained model (kept for decoding in the latent-to-region mapping).</summary>
    public MultimodalVae Model { get; }

    public TrainingHistory History { get; }

    public TimeSpan TrainingTime { get; }

    /// <summary>The training-control reference of complete subjects: Mahalanobis estimates, thresholds, z-score statistics.</summary>
    public NormativeReference Reference { get; }

    /// <summary>One reference per observed-modality pattern scored (subjects lacking a modality); null when built without one.</summary>
    public NormativeReferenceSet? References { get; init; }

    /// <summary>
    /// The whole-pipeline cross-fit (<c>--cross-fit K</c>) whose out-of-sample distances set the thresholds; null when the
    /// thresholds come from the conventions alone.
    /// </summary>
    public CrossFitResult? CrossFit { get; init; }

    public GroupEvaluation TrainControls { get; }

    public GroupEvaluation Holdout { get; }

    public GroupEvaluation Patients { get; }

    /// <summary>The calibration controls (out-of-sample, never trained on); null when the cohort has none.</summary>
    public GroupEvaluation? Calibration { get; }

    /// <summary>LR+ of latent-space outliers (Table 1 A).</summary>
    public LikelihoodRatio LatentLikelihoodRatio => PositiveLikelihoodRatio.Compute(Patients.Deviations.LatentOutlier, Holdout.Deviations.LatentOutlier);

    /// <summary>LR+ of feature-space outliers (Table 1 B).</summary>
    public LikelihoodRatio FeatureLikelihoodRatio => PositiveLikelihoodRatio.Compute(Patients.Deviations.FeatureOutlier, Holdout.Deviations.FeatureOutlier);

    /// <summary>A short name for files: method key, latent size and seed.</summary>
    public string RunKey => $"{Method.Key}-d{LatentDim}-s{Seed}";

    public void Dispose() => Model.Dispose();
}
