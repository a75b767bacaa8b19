using Normative.Deviation;
using Normative.Training;

namespace Normative.Experiments;

/// <summary>One group's model outputs (<see cref="SubjectScores"/>) and its deviations against the training-control reference.</summary>
/// <param name="Scores">Latents, reconstructions and per-region errors from the trained model.</param>
/// <param name="Deviations">D_ml, D_mf, p-values, outlier flags, Z_ml and Z_mf.</param>
public sealed record GroupEvaluation(SubjectScores Scores, DeviationScores Deviations)
{
    /// <summary>Number of subjects.</summary>
    public int Count => Scores.SubjectIds.Count;
}
