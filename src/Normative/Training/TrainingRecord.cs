namespace Normative.Training;

/// <summary>How a saved model was trained, written into its checkpoint so a reader knows what produced it.</summary>
/// <param name="Preset">Hyper-parameter preset name (<c>default</c>, <c>paper</c>).</param>
/// <param name="Epochs">Epochs trained.</param>
/// <param name="LearningRate">Adam learning rate.</param>
/// <param name="BatchSize">Mini-batch size.</param>
/// <param name="Seed">Training seed.</param>
/// <param name="TrainingSubjects">How many training controls the model was fitted on.</param>
public sealed record TrainingRecord(string Preset, int Epochs, double LearningRate, int BatchSize, int Seed, int TrainingSubjects);
