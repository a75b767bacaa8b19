using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Normative.Data;

/// <summary>Unit of a modality's values; decides whether values are divided by ICV before z-scoring.</summary>
public enum ModalityUnit
{
    /// <summary>Volumes in cubic millimetres (divided by ICV by default, design §2).</summary>
    Mm3,
    /// <summary>Standardised uptake value ratios (unit-less).</summary>
    Suvr,
}

/// <summary>
/// The small JSON file that describes a cohort (data-schemas/cohort-manifest.schema.json): which subjects
/// file and which modality files make it up. Paths are relative to the manifest's folder.
/// </summary>
public sealed record CohortManifest
{
    /// <summary>File name the loader looks for when given a folder.</summary>
    public const string DefaultFileName = "cohort.json";

    /// <summary>The schema reference written into manifests (informative; the loader does not fetch it).</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    public int FormatVersion { get; init; } = 1;

    /// <summary>Short name of the cohort (e.g. <c>synthetic-adni</c>).</summary>
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>The subjects table (CSV).</summary>
    public required string Subjects { get; init; }

    /// <summary>One entry per modality, in model order.</summary>
    public required IReadOnlyList<ModalityEntry> Modalities { get; init; }

    /// <summary>Optional planted ground truth written by the synthetic generator.</summary>
    public string? GroundTruth { get; init; }

    /// <summary>Free-form provenance (generator, seed, source tables).</summary>
    public JsonObject? Provenance { get; init; }
}

/// <summary>One modality of a cohort manifest.</summary>
public sealed record ModalityEntry
{
    /// <summary>Modality name (lower case, e.g. <c>mri</c>, <c>amyloid</c>); used in column prefixes.</summary>
    public required string Name { get; init; }

    /// <summary>The modality table (CSV): <c>subject_id</c> plus one column per region.</summary>
    public required string File { get; init; }

    public required ModalityUnit Unit { get; init; }

    /// <summary>Region set (preset) the table's columns must match, e.g. <see cref="RegionSet.Mmsivae"/>.</summary>
    public required string RegionSet { get; init; }

    /// <summary>When true, subjects may be absent from this table (their modality is unobserved).</summary>
    public bool AllowMissing { get; init; }

    /// <summary>Divide values by the subject's ICV before z-scoring; null means "when the unit is mm³".</summary>
    public bool? NormaliseByIcv { get; init; }

    /// <summary>Whether values are divided by ICV, after applying the unit default.</summary>
    [JsonIgnore]
    public bool DividesByIcv => NormaliseByIcv ?? Unit == ModalityUnit.Mm3;
}
