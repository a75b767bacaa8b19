using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Normative.Aggregation;
using Normative.Data;
using Normative.Models;

namespace Normative.Training;

/// <summary>
/// Saves a trained model to a directory and loads it back, so it can score new subjects later, and so that the
/// directory says what it is without the run that made it: <c>model.json</c> and <c>weights.bin</c> (TorchSharp's
/// module format). Callers may add files of their own to the directory (the CLI adds <c>references.json</c>).
/// </summary>
/// <remarks>
/// <para><c>model.json</c> (format <see cref="Format"/>) records the package and TorchSharp versions that wrote it;
/// the full <c>configuration</c> (model, aggregator, latent size, feature counts, covariate count, modality names,
/// model options, seed, and how it was trained) with its SHA-256 (<c>configuration_sha256</c>, checked on load, so
/// an edited configuration is refused rather than silently mismatching the weights); the training <c>cohort</c>
/// (name, content hash); the encoded <c>covariates</c>; and the <c>preprocessing</c> (per modality the region set,
/// region order, ICV division and normalisation statistics; the covariate encoding; any harmonisation).</para>
/// <para>Older formats are migrated on load (<see cref="CheckpointMigration"/>): <c>normative-model/2</c> (flat
/// configuration, no versions, no cohort hash) and <c>normative-model/1</c> (also no training record). A format
/// this version does not know is refused with both versions named and what to do.</para>
/// </remarks>
public static class ModelCheckpoint
{
    /// <summary>File name of the configuration.</summary>
    public const string ConfigFile = "model.json";

    /// <summary>File name of the weights.</summary>
    public const string WeightsFile = "weights.bin";

    /// <summary>The format this version writes.</summary>
    public const string Format = "normative-model/3";

    /// <summary>The format version number of <see cref="Format"/>.</summary>
    public const int FormatVersion = 3;

    /// <summary>The format prefix; the number after it is the format version.</summary>
    public const string FormatPrefix = "normative-model/";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        // Readable versions ("1.0.0+abc", not "1.0.0\u002Babc"); model.json is never embedded in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <paramref name="model"/> to <paramref name="directory"/> (created if needed; files overwritten).</summary>
    /// <param name="model">The model.</param>
    /// <param name="directory">Target directory.</param>
    /// <param name="provenance">How it was trained and on what data; null only for models that never score a cohort
    /// on their own (then the checkpoint records no preprocessing, and <c>normative score</c> refuses it).</param>
    /// <exception cref="ArgumentException">The provenance does not fit the model (other modalities, region counts or covariate width).</exception>
    public static void Save(MultimodalVae model, string directory, ModelProvenance? provenance = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var spec = model.Spec;
        PreprocessingState? preprocessing = null;
        if (provenance is not null)
        {
            preprocessing = provenance.Preprocessing.Only(spec.ModalityNames.Where(n => provenance.Preprocessing.Modalities.Any(m => m.Name == n)).ToArray());
            if (DescribeInconsistency(spec, preprocessing) is { } problem) throw new ArgumentException($"The provenance does not fit model '{spec.Name}': {problem}.", nameof(provenance));
        }
        var configuration = Configuration(spec, provenance?.Training);
        var file = new JsonObject
        {
            ["format"] = Format,
            ["package_version"] = PackageInfo.Version,
            ["torchsharp_version"] = PackageInfo.TorchSharpVersion,
            ["configuration_sha256"] = Hash(configuration),
            ["configuration"] = configuration,
            ["cohort"] = provenance is null ? null : JsonSerializer.SerializeToNode(provenance.Cohort, Json),
            ["covariates"] = preprocessing is null ? null : new JsonArray(preprocessing.Covariates.Names.Select(n => (JsonNode)n).ToArray()),
            ["preprocessing"] = preprocessing is null ? null : JsonNode.Parse(preprocessing.ToJson()),
        };
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, ConfigFile), file.ToJsonString(Json));
        model.save(Path.Combine(directory, WeightsFile));
    }

    /// <summary>Reads a model saved by <see cref="Save"/> (or an older format, migrated); the caller owns (and disposes) the model.</summary>
    /// <exception cref="InvalidDataException">The checkpoint is broken, edited, of an unknown format, or its weights do not fit.</exception>
    public static LoadedModel Load(string directory)
    {
        var configPath = Path.Combine(directory, ConfigFile);
        var weightsPath = Path.Combine(directory, WeightsFile);
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Model directory '{directory}' does not exist.");
        if (!File.Exists(configPath)) throw new FileNotFoundException($"'{configPath}' is missing; is '{directory}' a model saved by 'normative train'?", configPath);
        if (!File.Exists(weightsPath)) throw new FileNotFoundException($"'{weightsPath}' is missing; the model directory is incomplete.", weightsPath);

        JsonObject stored;
        try
        {
            stored = JsonNode.Parse(File.ReadAllText(configPath)) as JsonObject
                ?? throw new InvalidDataException($"'{configPath}' does not hold a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{configPath}' is not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
        var format = Field<string>(stored, "format", configPath);
        var file = format == Format ? stored : CheckpointMigration.ToCurrent(stored, format, configPath);

        var configuration = file["configuration"] as JsonObject ?? throw new InvalidDataException($"'{configPath}' has no object 'configuration'.");
        string hash = Field<string>(file, "configuration_sha256", configPath);
        if (Hash(configuration) != hash)
            throw new InvalidDataException(
                $"'{configPath}': the configuration does not match its recorded hash ({hash}); the file was edited after it was saved, " +
                "so it may no longer describe the weights. Restore the original file or retrain the model.");

        var spec = SpecOf(configuration, configPath);
        TrainingRecord? training;
        TrainingCohort? cohort;
        PreprocessingState? preprocessing;
        try
        {
            training = configuration["training"]?.Deserialize<TrainingRecord>(Json);
            cohort = file["cohort"]?.Deserialize<TrainingCohort>(Json);
            preprocessing = file["preprocessing"] is { } p ? PreprocessingState.FromJson(p.ToJsonString()) : null;
        }
        catch (Exception e) when (e is JsonException or CohortFormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"'{configPath}': {e.Message}", e);
        }
        if (preprocessing is not null)
        {
            if (DescribeInconsistency(spec, preprocessing) is { } problem) throw new InvalidDataException($"'{configPath}': {problem}.");
            preprocessing = preprocessing.Only(spec.ModalityNames);
            var names = preprocessing.Covariates.Names;
            if (file["covariates"] is JsonArray covariates && !covariates.Select(c => c?.GetValue<string>()).SequenceEqual(names))
                throw new InvalidDataException($"'{configPath}': 'covariates' ({string.Join(", ", covariates)}) differ from the encoding in 'preprocessing' ({string.Join(", ", names)}).");
        }

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
        return new LoadedModel(model, preprocessing)
        {
            Format = format,
            PackageVersion = file["package_version"]?.GetValue<string>(),
            ConfigurationSha256 = hash,
            Training = training,
            Cohort = cohort,
            Directory = Path.GetFullPath(directory),
        };
    }

    /// <summary>The configuration object of a model: everything that decides its weights apart from the data.</summary>
    internal static JsonObject Configuration(ModelSpec spec, TrainingRecord? training)
    {
        var descriptor = ModelRegistry.Get(spec.Name);
        return new JsonObject
        {
            ["model"] = spec.Name,
            ["aggregator"] = spec.Aggregator?.ToString().ToLowerInvariant(),
            ["latent_dim"] = spec.LatentDim,
            ["feature_counts"] = new JsonArray(spec.FeatureCounts.Select(p => (JsonNode)p).ToArray()),
            ["covariate_count"] = spec.CovariateCount,
            ["modality_names"] = new JsonArray(spec.ModalityNames.Select(m => (JsonNode)m).ToArray()),
            ["seed"] = spec.Seed,
            ["options"] = JsonSerializer.SerializeToNode(spec.Options, descriptor.OptionsType, Json),
            ["training"] = training is null ? null : JsonSerializer.SerializeToNode(training, Json),
        };
    }

    /// <summary>SHA-256 (hex) of the configuration's compact JSON text — the same text whether freshly built or read back.</summary>
    internal static string Hash(JsonObject configuration) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(configuration.ToJsonString())));

    private static ModelSpec SpecOf(JsonObject configuration, string path)
    {
        var name = Field<string>(configuration, "model", path);
        var descriptor = ModelRegistry.Get(name);
        var aggregatorName = configuration["aggregator"]?.GetValue<string>();
        var optionsNode = configuration["options"] ?? throw new InvalidDataException($"'{path}' has no 'options'.");
        ModelOptions options;
        try
        {
            options = (ModelOptions?)optionsNode.Deserialize(descriptor.OptionsType, Json)
                ?? throw new InvalidDataException($"'{path}': 'options' is null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}': 'options' are not options of model '{name}': {e.Message}", e);
        }
        return new ModelSpec(
            descriptor.Name,
            aggregatorName is null ? null : Aggregators.Parse(aggregatorName),
            Field<int>(configuration, "latent_dim", path),
            Array<int>(configuration, "feature_counts", path),
            Field<int>(configuration, "covariate_count", path),
            Array<string>(configuration, "modality_names", path),
            options,
            Field<int>(configuration, "seed", path));
    }

    /// <summary>How <paramref name="preprocessing"/> fails to describe the inputs of <paramref name="spec"/>, or null.</summary>
    private static string? DescribeInconsistency(ModelSpec spec, PreprocessingState preprocessing)
    {
        if (preprocessing.Covariates.Width != spec.CovariateCount)
            return $"the covariate encoding has {preprocessing.Covariates.Width} covariates ({string.Join(", ", preprocessing.Covariates.Names)}), the model reads {spec.CovariateCount}";
        for (int m = 0; m < spec.ModalityNames.Count; m++)
        {
            var scaling = preprocessing.Modalities.FirstOrDefault(s => s.Name == spec.ModalityNames[m]);
            if (scaling is null) return $"the preprocessing has no statistics for modality '{spec.ModalityNames[m]}', which the model reads";
            if (scaling.Regions.Length != spec.FeatureCounts[m])
                return $"modality '{scaling.Name}' has {scaling.Regions.Length} regions in the preprocessing, {spec.FeatureCounts[m]} features in the model";
        }
        return null;
    }

    internal static T Field<T>(JsonObject config, string name, string path)
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
