using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Normative.Data;
using Normative.Models;
using Normative.Training;

namespace Normative.Experiments;

/// <summary>
/// Trained grid models on disk, one folder per model under a key made of everything that decides its weights: the
/// method (model, aggregator, modalities), latent size, seed, model and training options, the training data's
/// content and the package and TorchSharp versions. A rerun of the same grid loads what is there instead of training
/// it again (the same weights, so the same scores), and an interrupted run loses only the models still in training.
/// </summary>
/// <remarks>
/// Each folder is a <see cref="ModelCheckpoint"/> plus <c>history.json</c> (the training history and time) and
/// <c>key.json</c> (the configuration behind the hash, for a human reading the folder). Folders are written under a
/// temporary name and renamed when complete, so a half-written model is never loaded.
/// </remarks>
public sealed class TrainedModelCache
{
    private const string HistoryFile = "history.json";
    private const string KeyFile = "key.json";
    private const string Format = "normative-grid-cache/1";

    /// <param name="folder">Where the models live (created when the first is saved).</param>
    public TrainedModelCache(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        Folder = Path.GetFullPath(folder);
    }

    /// <summary>The cache's root folder.</summary>
    public string Folder { get; }

    /// <summary>SHA-256 of the tensors a model trains on (inputs, covariates, availability), hex.</summary>
    public static string ContentHash(SubjectTensors train)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var tensor in train.Modalities.Append(train.Covariates).Append(train.Observed))
        {
            using var cpu = tensor.detach().cpu().contiguous();
            hash.AppendData(Encoding.UTF8.GetBytes($"[{string.Join(",", cpu.shape)}]{cpu.dtype}"));
            hash.AppendData(cpu.bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The key of one grid run: a readable prefix and the hash of its full configuration.</summary>
    public static CacheKey Key(MethodSpec method, int latentDim, int seed, GridOptions options, string trainingDataHash)
    {
        var training = options.TrainingFor(seed);
        var modelOptions = options.ModelOptionsFor(method.Model);
        var configuration = new JsonObject
        {
            ["format"] = Format,
            ["package_version"] = PackageInfo.Version,
            ["torchsharp_version"] = PackageInfo.TorchSharpVersion,
            ["model"] = method.Model,
            ["aggregator"] = method.Aggregator?.ToString(),
            ["modalities"] = method.Modalities is null ? null : new JsonArray(method.Modalities.Select(m => (JsonNode)m).ToArray()),
            ["latent_dim"] = latentDim,
            ["seed"] = seed,
            ["model_options"] = JsonSerializer.SerializeToNode(modelOptions, modelOptions.GetType(), ResultFiles.Json),
            ["epochs"] = training.Epochs,
            ["learning_rate"] = training.LearningRate,
            ["batch_size"] = training.BatchSize,
            // More than one torch thread may sum in another order: a different float result, so a different entry.
            ["threads"] = training.Threads,
            ["training_data_sha256"] = trainingDataHash,
        };
        string text = configuration.ToJsonString();
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        return new CacheKey($"{method.Key}-d{latentDim}-s{seed}-{hash}", configuration);
    }

    /// <summary>
    /// The key of fold model <paramref name="fold"/> (0-based) of a <c>--cross-fit <paramref name="folds"/></c> of the model keyed
    /// <paramref name="member"/>: trained on the member's training controls outside that fold (<see cref="CrossFitting.TrainFold"/>),
    /// which the member's configuration, seed and K fix.
    /// </summary>
    public static CacheKey FoldKey(CacheKey member, int fold, int folds)
    {
        ArgumentNullException.ThrowIfNull(member);
        var configuration = member.Configuration.DeepClone().AsObject();
        configuration["cross_fit_fold"] = fold + 1;
        configuration["cross_fit_folds"] = folds;
        return new CacheKey(FoldName(member.Name, fold, folds), configuration);
    }

    /// <summary>The folder name of <see cref="FoldKey"/>, from the member's key name alone (what a plan records).</summary>
    public static string FoldName(string member, int fold, int folds) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{member}-fold{fold + 1}of{folds}");

    /// <summary>Whether a complete model is saved under the key named <paramref name="name"/> (<see cref="CacheKey.Name"/>).</summary>
    public bool Contains(string name) => File.Exists(Path.Combine(Folder, name, HistoryFile));

    /// <summary>The model saved under <paramref name="key"/> with its history and training time, or null when absent.</summary>
    public CachedModel? TryLoad(CacheKey key)
    {
        string directory = Path.Combine(Folder, key.Name);
        if (!File.Exists(Path.Combine(directory, HistoryFile))) return null;
        var history = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, HistoryFile)))!.AsObject();
        var loaded = ModelCheckpoint.Load(directory);
        var epochs = history["epochs"]!.AsArray().Select(e => new EpochRecord(
            e!["epoch"]!.GetValue<int>(),
            e["loss"]!.GetValue<double>(),
            e["terms"]!.AsObject().ToDictionary(t => t.Key, t => t.Value!.GetValue<double>()),
            e["validation_mse"]?.GetValue<double>(),
            TimeSpan.FromTicks(e["elapsed_ticks"]!.GetValue<long>()))).ToArray();
        return new CachedModel(loaded.Model, new TrainingHistory(epochs), TimeSpan.FromTicks(history["training_ticks"]!.GetValue<long>()));
    }

    /// <summary>Saves a trained model under <paramref name="key"/> (complete or not at all).</summary>
    /// <param name="provenance">What the checkpoint records about its training and data (issue 18); null records none.</param>
    public void Save(CacheKey key, MultimodalVae model, TrainingHistory history, TimeSpan trainingTime, ModelProvenance? provenance = null)
    {
        string directory = Path.Combine(Folder, key.Name);
        string partial = Path.Combine(Folder, $".{key.Name}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.partial");
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        ModelCheckpoint.Save(model, partial, provenance);
        var record = new JsonObject
        {
            ["training_ticks"] = trainingTime.Ticks,
            ["epochs"] = new JsonArray(history.Epochs.Select(e => (JsonNode)new JsonObject
            {
                ["epoch"] = e.Epoch,
                ["loss"] = e.Loss,
                ["terms"] = new JsonObject(e.Terms.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))),
                ["validation_mse"] = e.ValidationMse,
                ["elapsed_ticks"] = e.Elapsed.Ticks,
            }).ToArray()),
        };
        File.WriteAllText(Path.Combine(partial, HistoryFile), record.ToJsonString());
        File.WriteAllText(Path.Combine(partial, KeyFile), key.Configuration.ToJsonString(ResultFiles.Json));
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        Directory.Move(partial, directory);
    }
}

/// <summary>A cache entry's folder name and the configuration it hashes.</summary>
public sealed record CacheKey(string Name, JsonObject Configuration);

/// <summary>A model loaded from the cache (the caller owns it) with its training history and time.</summary>
public sealed record CachedModel(MultimodalVae Model, TrainingHistory History, TimeSpan TrainingTime);
