using Normative.Data;
using Normative.Deviation;
using Normative.Models;
using Normative.Training;

namespace Normative.Experiments;

/// <summary>
/// Fits the <see cref="NormativeReferenceSet"/> of a trained model: for each observed-modality pattern, the
/// training controls that have it are scored from that pattern's modalities alone, and a reference is fitted
/// on their latents and observed-region errors.
/// </summary>
public static class PatternReferences
{
    /// <summary>The training controls' deviation inputs under each of <paramref name="patterns"/> (what the set is fitted on, and what a checkpoint stores).</summary>
    public static IReadOnlyDictionary<ModalityPattern, DeviationInputs> TrainingInputs(MultimodalVae model, SubjectTensors trainingControls,
        IEnumerable<ModalityPattern> patterns, ScoringOptions scoring)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(trainingControls);
        var inputs = new Dictionary<ModalityPattern, DeviationInputs>();
        foreach (var pattern in patterns.Distinct())
        {
            if (!ScorablePatterns.CanScore(model, pattern))
                throw new ArgumentException($"Model '{model.Spec.Name}' cannot score subjects observed on {pattern}.", nameof(patterns));
            using var seen = trainingControls.ObservedOnly(pattern.Modalities);
            if (seen.Count == 0)
                throw new ArgumentException($"No training control has {pattern}; subjects observed on {pattern} have no reference.", nameof(trainingControls));
            inputs[pattern] = Scorer.Score(model, seen, scoring).ToDeviationInputs();
        }
        return inputs;
    }

    /// <summary>Fits one reference per pattern on <paramref name="trainingControls"/>.</summary>
    public static NormativeReferenceSet Fit(MultimodalVae model, SubjectTensors trainingControls, IEnumerable<ModalityPattern> patterns,
        DeviationConventions conventions, ScoringOptions scoring)
    {
        var inputs = TrainingInputs(model, trainingControls, patterns, scoring);
        return NormativeReferenceSet.Fit(BlocksOf(trainingControls), inputs, conventions);
    }

    /// <summary>The feature blocks of <paramref name="data"/>'s modalities, in order.</summary>
    public static IReadOnlyList<FeatureBlock> BlocksOf(SubjectTensors data) =>
        data.ModalityNames.Select((m, k) => new FeatureBlock(m, data.FeatureCounts[k])).ToArray();
}
