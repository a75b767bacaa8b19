using System.Globalization;
using System.Text.Json.Nodes;

namespace Normative.Training;

/// <summary>
/// Brings a <c>model.json</c> of an older checkpoint format to the current layout (<see cref="ModelCheckpoint.Format"/>)
/// in memory, so one reader serves every format; a format it does not know is refused with both versions named
/// and what to do. Nothing on disk is changed.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>normative-model/2</c>: the configuration fields were top-level (<c>model</c> … <c>options</c>,
/// <c>training</c>) beside the <c>preprocessing</c>; it recorded no package version, configuration hash, training
/// cohort or covariate names. Migrated: the fields move into <c>configuration</c>, its hash is computed, the unknown
/// ones stay null.</item>
/// <item><c>normative-model/1</c>: as 2 without <c>training</c> (migrated with a null training record).</item>
/// </list>
/// </remarks>
public static class CheckpointMigration
{
    /// <summary>The older formats that are migrated on load.</summary>
    public static IReadOnlyList<string> MigratedFormats { get; } = [ModelCheckpoint.FormatPrefix + "2", ModelCheckpoint.FormatPrefix + "1"];

    private static readonly string[] ConfigurationFields = ["model", "aggregator", "latent_dim", "feature_counts", "covariate_count", "modality_names", "seed", "options"];

    /// <summary>The current-format equivalent of <paramref name="stored"/>, which has format <paramref name="format"/>.</summary>
    /// <param name="stored">The parsed <c>model.json</c> (not modified).</param>
    /// <param name="format">Its <c>format</c> field.</param>
    /// <param name="path">The file, for messages.</param>
    /// <exception cref="InvalidDataException">The format is unknown (newer, or not a checkpoint format), or a field is missing.</exception>
    public static JsonObject ToCurrent(JsonObject stored, string format, string path)
    {
        int version = VersionOf(format);
        if (version is not (1 or 2))
            throw new InvalidDataException(Refusal(format, version, path));

        var configuration = new JsonObject();
        foreach (var field in ConfigurationFields)
        {
            if (!stored.ContainsKey(field) && field != "aggregator")
                throw new InvalidDataException($"'{path}' (format '{format}') has no '{field}'; it is not a complete checkpoint.");
            configuration[field] = stored[field]?.DeepClone();
        }
        configuration["training"] = version >= 2 ? stored["training"]?.DeepClone() : null;
        return new JsonObject
        {
            ["format"] = ModelCheckpoint.Format,
            ["package_version"] = null,
            ["torchsharp_version"] = null,
            ["configuration_sha256"] = ModelCheckpoint.Hash(configuration),
            ["configuration"] = configuration,
            ["cohort"] = null,
            ["covariates"] = null,
            ["preprocessing"] = stored["preprocessing"]?.DeepClone(),
        };
    }

    /// <summary>The version number of a format tag (<c>normative-model/N</c> gives N), or -1 when it is not one.</summary>
    public static int VersionOf(string format) =>
        format.StartsWith(ModelCheckpoint.FormatPrefix, StringComparison.Ordinal)
        && int.TryParse(format.AsSpan(ModelCheckpoint.FormatPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : -1;

    private static string Refusal(string format, int version, string path)
    {
        string reads = $"this version of the package ({PackageInfo.Version}) writes '{ModelCheckpoint.Format}' and reads it and {string.Join(", ", MigratedFormats.Select(f => $"'{f}'"))}";
        return version > ModelCheckpoint.FormatVersion
            ? $"'{path}' has checkpoint format '{format}', written by a newer version of the package; {reads}. Load it with the version that wrote it (or newer), or retrain the model with this one."
            : $"'{path}' has checkpoint format '{format}', which is not a format of this package; {reads}. Retrain the model with 'normative train'.";
    }
}
