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

    /// <summary>Subjects of the group the model could not score (left out of <see cref="Scores"/>), each with its reason.</summary>
    public IReadOnlyList<ScoringRefusal> Refused { get; init; } = [];

    /// <summary>How many subjects were scored with each observed-modality pattern (e.g. <c>mri+amyloid</c>: 250, <c>mri</c>: 60).</summary>
    public IReadOnlyDictionary<string, int> ScoredPatterns =>
        Enumerable.Range(0, Count).GroupBy(i => Scores.Pattern(i).Key).ToDictionary(g => g.Key, g => g.Count());
}
