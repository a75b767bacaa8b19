using Normative.Data;

namespace Normative.Training;

/// <summary>
/// What a checkpoint records beside the network so that it describes itself: how the model was trained, the
/// preprocessing fitted on its training controls (region sets and order, ICV division, normalisation statistics,
/// covariate encoding, harmonisation) and which cohort that was.
/// </summary>
/// <param name="Training">Preset, epochs, learning rate, batch size, seed, number of training controls.</param>
/// <param name="Preprocessing">The data contract: what turns a cohort into this model's inputs.</param>
/// <param name="Cohort">The training cohort's name and content hash.</param>
public sealed record ModelProvenance(TrainingRecord Training, PreprocessingState Preprocessing, TrainingCohort Cohort)
{
    /// <summary>The provenance of a model trained on <paramref name="cohort"/> with <paramref name="preprocessing"/>.</summary>
    public static ModelProvenance Of(Cohort cohort, PreprocessingState preprocessing, TrainingRecord training)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        return new ModelProvenance(training, preprocessing, new TrainingCohort(cohort.Name, CohortContentHash.Of(cohort)));
    }
}
