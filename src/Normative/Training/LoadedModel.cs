using System.Text.Json.Nodes;
using Normative.Models;

namespace Normative.Training;

/// <summary>A model read from a checkpoint with the caller's preprocessing state saved beside it.</summary>
/// <param name="Model">The model, in eval mode.</param>
/// <param name="Preprocessing">The blob given to <see cref="ModelCheckpoint.Save"/>, or null.</param>
public sealed record LoadedModel(MultimodalVae Model, JsonNode? Preprocessing) : IDisposable
{
    public void Dispose() => Model.Dispose();
}
