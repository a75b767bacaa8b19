using Normative.Deviation;
using Normative.Training;

namespace Normative.Experiments;

/// <summary>What to train and how to score: the grid of methods x latent sizes x seeds (paper Table 1).</summary>
public sealed record GridOptions
{
    /// <summary>The rows; default every Table 1 method this build can train.</summary>
    public IReadOnlyList<MethodSpec> Methods { get; init; } = MethodCatalogue.Available;

    /// <summary>
    /// Whether the grid also scores the no-model baseline (<see cref="BaselineEvaluation"/>, issue 21): on by default so
    /// every table compares the models with what the data alone give. It trains nothing and takes seconds.
    /// </summary>
    public bool IncludeBaseline { get; init; } = true;

    /// <summary>Latent sizes d (paper: 5, 10, 15, 20).</summary>
    public IReadOnlyList<int> LatentSizes { get; init; } = [5, 10, 15, 20];

    /// <summary>Seeds; each seeds weight initialisation, batch order and sampling of one run.</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [0, 1, 2, 3, 4];

    /// <summary>Hyper-parameters (design §4).</summary>
    public TrainingPreset Preset { get; init; } = TrainingPresets.Default;

    /// <summary>Overrides the preset's epoch count (e.g. for quick runs); null keeps it.</summary>
    public int? Epochs { get; init; }

    /// <summary>Overrides the preset's learning rate; null keeps it.</summary>
    public double? LearningRate { get; init; }

    /// <summary>Overrides the preset's batch size; null keeps it.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Torch device the models train on ("cpu" or "cuda"); CUDA needs the TorchSharp-cuda package (environment/README.md).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>The options of <paramref name="model"/>: its defaults with the preset's loss weights and <see cref="Device"/>.</summary>
    public Models.ModelOptions ModelOptionsFor(string model) => Preset.ModelOptionsFor(model) with { Device = Device };

    /// <summary>How deviations, outliers and likelihood ratios are computed (design §5).</summary>
    public DeviationConventions Conventions { get; init; } = DeviationConventions.Calibrated;

    /// <summary>
    /// K of a whole-pipeline cross-fit (<see cref="CrossFitting"/>, <c>--cross-fit K</c>): each cell also trains K fold models on
    /// K - 1 folds of the training controls, and the outlier thresholds come from their pooled out-of-sample distances.
    /// Null (default) keeps the thresholds of <see cref="Conventions"/>. Range: 2 &lt;= K &lt;= training controls.
    /// </summary>
    public int? CrossFitFolds { get; init; }

    /// <summary>
    /// Torch intra-op threads a model trains and is scored with (default: the preset's, 1, see <see cref="TrainingOptions.Threads"/>).
    /// Part of every model's identity (<see cref="TrainedModelCache.Key"/>): more threads may sum in another order.
    /// </summary>
    public int? Threads { get; init; }

    /// <summary>
    /// Whether the seeds of one method and latent size train together as one stacked module when the model allows it
    /// (<see cref="Models.ModelDescriptor.Stackable"/>; the others train one at a time). Default true: the same
    /// runs to float rounding, with less training time (issue 17's benchmark).
    /// </summary>
    public bool Stack { get; init; } = true;

    /// <summary>The training options of one run with <paramref name="seed"/>.</summary>
    public TrainingOptions TrainingFor(int seed) => Preset.Training with
    {
        Epochs = Epochs ?? Preset.Training.Epochs,
        LearningRate = LearningRate ?? Preset.Training.LearningRate,
        BatchSize = BatchSize ?? Preset.Training.BatchSize,
        Threads = Threads ?? Preset.Training.Threads,
        Seed = seed,
    };

    /// <summary>Number of models the grid trains.</summary>
    public int RunCount => Methods.Count * LatentSizes.Count * Seeds.Count;
}
