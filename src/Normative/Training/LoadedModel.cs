using System.Text.Json.Nodes;
using Normative.Models;

namespace Normative.Training;

/// <summary>A model read from a checkpoint with the caller's preprocessing state saved beside it.</summary>
/// <param name="Model">The model, in eval mode.</param>
/// <param name="Preprocessing">The blob given to <see cref="ModelCheckpoint.Save"/>, or null.</param>
public sealed record LoadedModel(MultimodalVae Model, JsonNode? Preprocessing) : IDisposable
{
    /// <summary>The checkpoint format it was read from (<see cref="ModelCheckpoint.Format"/> or an older one it migrates).</summary>
    public string Format { get; init; } = ModelCheckpoint.Format;

    /// <summary>How it was trained; null for checkpoints written without a record (format 1).</summary>
    public TrainingRecord? Training { get; init; }

    /// <summary>The checkpoint directory (where callers' extra files such as references.json live).</summary>
    public string? Directory { get; init; }

    public void Dispose() => Model.Dispose();
}
