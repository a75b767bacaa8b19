using Normative.Deviation;

namespace Normative.Experiments;

/// <summary>
/// What a whole-pipeline cross-fit (<see cref="CrossFitting"/>) of one grid cell produced: the fold of every training
/// control, the controls each fold model was trained on, every training control's out-of-sample deviation scores (its
/// fold model against that model's own reference), and per observed-modality pattern the pooled out-of-sample squared
/// distances whose (1 - alpha) quantiles became the full model's thresholds.
/// </summary>
/// <param name="Folds">K.</param>
/// <param name="SubjectIds">The training controls, in the order of <see cref="Fold"/> and of <see cref="OutOfSample"/>'s rows.</param>
/// <param name="Fold">Per training control its fold 0..K-1 (the fold model that scored it).</param>
/// <param name="TrainedOn">Per fold model the training controls it (network and reference) was fitted on.</param>
/// <param name="OutOfSample">Every training control scored by its fold model against that model's reference, each under its own pattern.</param>
/// <param name="LatentDistances">Per pattern key the pooled out-of-sample D_ml^2 of the training controls scored from that pattern.</param>
/// <param name="FeatureDistances">The same for D_mf^2.</param>
/// <param name="TrainingTime">Wall time of training the K fold models.</param>
public sealed record CrossFitResult(
    int Folds,
    IReadOnlyList<string> SubjectIds,
    IReadOnlyList<int> Fold,
    IReadOnlyList<IReadOnlyList<string>> TrainedOn,
    DeviationScores OutOfSample,
    IReadOnlyDictionary<string, double[]> LatentDistances,
    IReadOnlyDictionary<string, double[]> FeatureDistances,
    TimeSpan TrainingTime);
