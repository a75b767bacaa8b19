using System.Text.Json;
using System.Text.Json.Nodes;
using Normative.Aggregation;
using Normative.Models;

namespace Normative.Training;

/// <summary>
/// Saves a trained model to a directory and loads it back, so it can score new subjects later:
/// <c>model.json</c> (format version, model type, aggregator, latent size, feature counts, covariate count,
/// modality names, options, seed, how it was trained — preset, epochs, learning rate — and an opaque
/// preprocessing blob from the caller, e.g. the z-scoring statistics) and <c>weights.bin</c> (TorchSharp's
/// module format). Callers may add files of their own to the directory (the CLI adds <c>references.json</c>).
/// </summary>
/// <remarks>
/// Format history: <c>normative-model/1</c> had no training record; it is still read (migrated with
/// <see cref="LoadedModel.Training"/> null). Any other format is refused with both versions named.
/// </remarks>
public static class ModelCheckpoint
{
    /// <summary>File name of the configuration.</summary>
    public const string ConfigFile = "model.json";

    /// <summary>File name of the weights.</summary>
    public const string WeightsFile = "weights.bin";

    /// <summary>Format tag written to model.json.</summary>
    public const string Format = "normative-model/2";

    /// <summary>The previous format, still read (no training record).</summary>
    public const string FormatVersion1 = "normative-model/1";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    /// <summary>Writes <paramref name="model"/> to <paramref name="directory"/> (created if needed; files overwritten).</summary>
    /// <param name="model">The model.</param>
    /// <param name="directory">Target directory.</param>
    /// <param name="preprocessing">Caller's data-normalisation state, stored verbatim and returned by <see cref="Load"/>.</param>
    /// <param name="training">How the model was trained (preset, epochs, learning rate), or null when unknown.</param>
    public static void Save(MultimodalVae model, string directory, JsonNode? preprocessing = null, TrainingRecord? training = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Directory.CreateDirectory(directory);
        var spec = model.Spec;
        var descriptor = ModelRegistry.Get(spec.Name);
        var config = new JsonObject
        {
            ["format"] = Format,
            ["model"] = spec.Name,
            ["aggregator"] = spec.Aggregator?.ToString().ToLowerInvariant(),
            ["latent_dim"] = spec.LatentDim,
            ["feature_counts"] = new JsonArray(spec.FeatureCounts.Select(p => (JsonNode)p).ToArray()),
            ["covariate_count"] = spec.CovariateCount,
            ["modality_names"] = new JsonArray(spec.ModalityNames.Select(m => (JsonNode)m).ToArray()),
            ["seed"] = spec.Seed,
            ["options"] = JsonSerializer.SerializeToNode(spec.Options, descriptor.OptionsType, Json),
            ["training"] = training is null ? null : JsonSerializer.SerializeToNode(training, Json),
            ["preprocessing"] = preprocessing?.DeepClone(),
        };
        File.WriteAllText(Path.Combine(directory, ConfigFile), config.ToJsonString(Json));
        model.save(Path.Combine(directory, WeightsFile));
    }

    /// <summary>Reads a model saved by <see cref="Save"/>; the caller owns (and disposes) the model.</summary>
    public static LoadedModel Load(string directory)
    {
        var configPath = Path.Combine(directory, ConfigFile);
        var weightsPath = Path.Combine(directory, WeightsFile);
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Model directory '{directory}' does not exist.");
        if (!File.Exists(configPath)) throw new FileNotFoundException($"'{configPath}' is missing; is '{directory}' a model saved by 'normative train'?", configPath);
        if (!File.Exists(weightsPath)) throw new FileNotFoundException($"'{weightsPath}' is missing; the model directory is incomplete.", weightsPath);

        JsonObject config;
        try
        {
            config = JsonNode.Parse(File.ReadAllText(configPath)) as JsonObject
                ?? throw new InvalidDataException($"'{configPath}' does not hold a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{configPath}' is not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
        var format = Field<string>(config, "format", configPath);
        if (format != Format && format != FormatVersion1)
            throw new InvalidDataException($"'{configPath}' has format '{format}'; this version writes '{Format}' and reads '{Format}' and '{FormatVersion1}'.");

        var name = Field<string>(config, "model", configPath);
        var descriptor = ModelRegistry.Get(name);
        var aggregatorName = config["aggregator"]?.GetValue<string>();
        var optionsNode = config["options"] ?? throw new InvalidDataException($"'{configPath}' has no 'options'.");
        var options = (ModelOptions?)optionsNode.Deserialize(descriptor.OptionsType, Json)
            ?? throw new InvalidDataException($"'{configPath}': 'options' is null.");
        var spec = new ModelSpec(
            descriptor.Name,
            aggregatorName is null ? null : Aggregators.Parse(aggregatorName),
            Field<int>(config, "latent_dim", configPath),
            Array<int>(config, "feature_counts", configPath),
            Field<int>(config, "covariate_count", configPath),
            Array<string>(config, "modality_names", configPath),
            options,
            Field<int>(config, "seed", configPath));
        var model = ModelFactory.Create(spec);
        try
        {
            model.load(weightsPath);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            model.Dispose();
            throw new InvalidDataException($"'{weightsPath}' does not match the architecture in '{configPath}': {e.Message}", e);
        }
        model.eval();
        TrainingRecord? training;
        try
        {
            training = config["training"]?.Deserialize<TrainingRecord>(Json);
        }
        catch (JsonException e)
        {
            model.Dispose();
            throw new InvalidDataException($"'{configPath}': 'training' is not a training record: {e.Message}", e);
        }
        return new LoadedModel(model, config["preprocessing"]?.DeepClone()) { Format = format, Training = training, Directory = Path.GetFullPath(directory) };
    }

    private static T Field<T>(JsonObject config, string name, string path)
    {
        try
        {
            var node = config[name] ?? throw new InvalidDataException($"'{path}' has no '{name}'.");
            return node.GetValue<T>();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"'{path}': '{name}' is not a {typeof(T).Name}.", e);
        }
    }

    private static T[] Array<T>(JsonObject config, string name, string path)
    {
        var node = config[name] as JsonArray ?? throw new InvalidDataException($"'{path}' has no array '{name}'.");
        try
        {
            return node.Select(x => x!.GetValue<T>()).ToArray();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException)
        {
            throw new InvalidDataException($"'{path}': '{name}' must be an array of {typeof(T).Name}.", e);
        }
    }
}
