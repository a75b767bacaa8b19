using Normative.Aggregation;

namespace Normative.Experiments;

/// <summary>
/// One row of the paper's Table 1: a model, its aggregator, and which modalities it sees
/// (e.g. "SIVAE (MRI)" is the SIVAE model on the MRI table alone).
/// </summary>
/// <param name="Label">Row label as printed in tables, e.g. "mmSIVAE (MoPoE)".</param>
/// <param name="Family">Row group of Table 1: "mmSIVAE", "mmVAE", "Unimodal baselines", "Multimodal baselines".</param>
/// <param name="Model">Registry name of the model (see <see cref="Models.ModelRegistry"/>).</param>
/// <param name="Aggregator">Aggregator of multimodal models; null for models with one concatenated input.</param>
/// <param name="Modalities">Modalities the model sees; null = every modality of the cohort.</param>
public sealed record MethodSpec(string Label, string Family, string Model, AggregatorKind? Aggregator = null, IReadOnlyList<string>? Modalities = null)
{
    /// <summary>A file-name-safe key, e.g. "mmsivae-mopoe" or "sivae-mri".</summary>
    public string Key
    {
        get
        {
            var parts = new List<string> { Model.ToLowerInvariant() };
            if (Aggregator is { } a) parts.Add(a.ToString().ToLowerInvariant());
            if (Modalities is { Count: > 0 }) parts.Add(string.Join("+", Modalities).ToLowerInvariant());
            return string.Join("-", parts);
        }
    }

    /// <summary>The modalities this method uses from a cohort whose modalities are <paramref name="available"/>.</summary>
    public IReadOnlyList<string> ModalitiesFrom(IReadOnlyList<string> available)
    {
        if (Modalities is null) return available;
        foreach (var m in Modalities)
            if (!available.Contains(m))
                throw new ArgumentException($"Method '{Label}' needs modality '{m}', but the cohort has {string.Join(", ", available)}.");
        return Modalities;
    }
}
