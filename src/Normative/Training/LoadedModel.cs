using Normative.Data;
using Normative.Models;

namespace Normative.Training;

/// <summary>A model read from a checkpoint with what the checkpoint says about it.</summary>
/// <param name="Model">The model, in eval mode.</param>
/// <param name="Preprocessing">The preprocessing fitted on its training controls (normalisation statistics, region
/// sets, covariate encoding, harmonisation), restricted to the modalities the model reads; null when it was saved
/// without (a grid cache entry, or a format-1 checkpoint that never had one).</param>
public sealed record LoadedModel(MultimodalVae Model, PreprocessingState? Preprocessing) : IDisposable
{
    /// <summary>The checkpoint format it was read from (<see cref="ModelCheckpoint.Format"/> or an older one it was migrated from).</summary>
    public string Format { get; init; } = ModelCheckpoint.Format;

    /// <summary>The package version that wrote it; null for formats that did not record it (before format 3).</summary>
    public string? PackageVersion { get; init; }

    /// <summary>SHA-256 of its configuration (model, options, seed, training), checked on load; computed on migration for older formats.</summary>
    public string ConfigurationSha256 { get; init; } = "";

    /// <summary>How it was trained; null for checkpoints written without a record (format 1).</summary>
    public TrainingRecord? Training { get; init; }

    /// <summary>The cohort it was trained on (name, content hash); null when not recorded (before format 3, or saved without provenance).</summary>
    public TrainingCohort? Cohort { get; init; }

    /// <summary>The checkpoint directory (where callers' extra files such as references.json live).</summary>
    public string? Directory { get; init; }

    public void Dispose() => Model.Dispose();
}
