using System.CommandLine;
using Normative.Deviation;
using Normative.Training;

namespace Normative.Cli.Infrastructure;

/// <summary>
/// The options every verb that trains accepts (design §8): a preset and overrides of its epochs, learning
/// rate and batch size, the device, and the deviation conventions used when scoring.
/// </summary>
internal sealed class TrainingCliOptions
{
    public Option<string> Preset { get; } = new("--preset")
    {
        Description = "Hyper-parameter preset: 'default' (chosen by validation on the training controls) or 'paper' (500 epochs, lr 1e-5).",
        DefaultValueFactory = _ => "default",
    };

    public Option<int?> Epochs { get; } = new("--epochs") { Description = "Override the preset's number of epochs." };

    public Option<double?> LearningRate { get; } = new("--lr") { Description = "Override the preset's Adam learning rate." };

    public Option<int?> BatchSize { get; } = new("--batch-size") { Description = "Override the preset's mini-batch size." };

    public Option<int?> Threads { get; } = new("--threads") { Description = "Torch CPU threads (per worker for reproduce; default 1: faster for these small networks)." };

    public Option<string> Device { get; } = new("--device")
    {
        Description = "Torch device: 'cpu' (default) or 'cuda' (needs the TorchSharp-cuda package; see environment/README.md).",
        DefaultValueFactory = _ => "cpu",
    };

    public Option<string?> Conventions { get; } = new("--conventions")
    {
        Description = "Deviation conventions: 'calibrated' (default with the default preset: Ledoit-Wolf, cross-fitted threshold), 'textbook' (chi-square, df = d) or 'paper' (authors' code: MCD, df = d - 1, absolute error; default with the paper preset).",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Preset, Epochs, LearningRate, BatchSize, Threads, Device, Conventions }) command.Options.Add(option);
    }

    /// <summary>The chosen preset ("default" when the verb has no --preset, e.g. score).</summary>
    public TrainingPreset PresetOf(ParseResult parse) => TrainingPresets.Get(parse.GetValue(Preset) ?? TrainingPresets.Default.Name);

    /// <summary>The preset's training options with the command line's overrides and <paramref name="seed"/>.</summary>
    public TrainingOptions TrainingOf(ParseResult parse, int seed)
    {
        var preset = PresetOf(parse);
        return preset.Training with
        {
            Epochs = parse.GetValue(Epochs) ?? preset.Training.Epochs,
            LearningRate = parse.GetValue(LearningRate) ?? preset.Training.LearningRate,
            BatchSize = parse.GetValue(BatchSize) ?? preset.Training.BatchSize,
            Threads = parse.GetValue(Threads) ?? preset.Training.Threads,
            Seed = seed,
        };
    }

    /// <summary>The chosen deviation conventions; by default the preset's (design §5).</summary>
    public DeviationConventions ConventionsOf(ParseResult parse) => (parse.GetValue(Conventions) ?? DefaultConventions(PresetOf(parse).Name)).Trim().ToLowerInvariant() switch
    {
        "calibrated" => DeviationConventions.Calibrated,
        "textbook" => DeviationConventions.Default,
        "paper" => DeviationConventions.Paper,
        var other => throw new ArgumentException($"Unknown conventions '{other}'; expected calibrated, textbook or paper."),
    };

    private static string DefaultConventions(string preset) => preset == TrainingPresets.Paper.Name ? "paper" : "calibrated";

    /// <summary>Parses a comma-separated list of integers, naming the option on error.</summary>
    public static IReadOnlyList<int> IntList(string text, string option) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => int.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out int v) ? v
                : throw new ArgumentException($"{option}: '{t}' is not a whole number (expected e.g. 5,10,15,20)."))
            .ToArray();
}
