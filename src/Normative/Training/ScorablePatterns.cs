using Normative.Data;
using Normative.Deviation;
using Normative.Models;

namespace Normative.Training;

/// <summary>
/// Which observed-modality patterns a model can score, and the split of a group into the subjects it can
/// score and named refusals for the rest (Models/README.md, "What each model supports").
/// </summary>
public static class ScorablePatterns
{
    /// <summary>
    /// Whether <paramref name="model"/> can encode a subject that has exactly <paramref name="pattern"/>: models with
    /// one encoder per modality use the subset posterior of any non-empty subset; a model that concatenates the
    /// modalities into one input needs all of them.
    /// </summary>
    public static bool CanScore(MultimodalVae model, ModalityPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Modalities.Any(m => !model.Spec.ModalityNames.Contains(m))) return false;
        return model.Layout == InputLayout.PerModality || pattern.Modalities.Count == model.ModalityCount;
    }

    /// <summary>Every pattern <paramref name="model"/> can score, the complete one first.</summary>
    public static IReadOnlyList<ModalityPattern> Of(MultimodalVae model) =>
        ModalityPattern.AllSubsets(model.Spec.ModalityNames).Where(p => CanScore(model, p)).ToArray();

    /// <summary>The pattern of every row of <paramref name="data"/>.</summary>
    public static ModalityPattern[] PatternsOf(SubjectTensors data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var mask = data.Observed.cpu().data<bool>().ToArray();
        int m = data.ModalityCount;
        return Enumerable.Range(0, data.Count).Select(i =>
            data.ModalityNames.Where((_, k) => mask[i * m + k]).ToArray() is { Length: > 0 } names
                ? new ModalityPattern(names)
                : throw new ArgumentException($"Subject '{data.SubjectIds[i]}' has none of the modalities {string.Join(", ", data.ModalityNames)}; there is nothing to score.", nameof(data)))
            .ToArray();
    }

    /// <summary>
    /// The rows of <paramref name="data"/> that <paramref name="model"/> can score (a new instance the caller owns)
    /// and a refusal naming each other subject and the modality it lacks.
    /// </summary>
    public static (SubjectTensors Scorable, IReadOnlyList<ScoringRefusal> Refused) Split(MultimodalVae model, SubjectTensors data)
    {
        var patterns = PatternsOf(data);
        var keep = new List<long>();
        var refused = new List<ScoringRefusal>();
        for (int i = 0; i < patterns.Length; i++)
        {
            if (CanScore(model, patterns[i]))
            {
                keep.Add(i);
                continue;
            }
            var missing = model.Spec.ModalityNames.Where(n => !patterns[i].Contains(n)).ToArray();
            refused.Add(new ScoringRefusal(data.SubjectIds[i], missing,
                $"model '{model.Spec.Name}' concatenates {string.Join(" and ", model.Spec.ModalityNames)} into one input and cannot encode a subject without all of them"));
        }
        return (data.Select(keep), refused);
    }
}
