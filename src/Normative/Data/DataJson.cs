using System.Text.Json;
using System.Text.Json.Serialization;

namespace Normative.Data;

/// <summary>
/// The JSON conventions of every file in data-schemas/: snake_case names, enums as strings, comments and
/// trailing commas tolerated, unknown properties rejected (so a typo in a hand-edited file is an error,
/// not a silently ignored setting).
/// </summary>
public static class DataJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Reads <paramref name="path"/> as <typeparamref name="T"/>; any problem is a <see cref="CohortFormatException"/> with the line.</summary>
    public static T Read<T>(string path)
    {
        if (!File.Exists(path)) throw new CohortFormatException(path, null, null, "file not found.");
        return Parse<T>(File.ReadAllText(path), path);
    }

    /// <summary>Parses <paramref name="json"/>; <paramref name="file"/> names the source in errors (row = JSON line).</summary>
    public static T Parse<T>(string json, string file)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options)
                ?? throw new CohortFormatException(file, 1, null, "the file holds JSON null.");
        }
        catch (JsonException error)
        {
            int? line = error.LineNumber is long l ? (int)l + 1 : null;
            string problem = error.Message.Split(" Path:", 2)[0];
            throw new CohortFormatException(file, line, string.IsNullOrEmpty(error.Path) ? null : error.Path, problem);
        }
    }

    /// <summary>Serialises with <see cref="Options"/>, LF line ends and a final newline (byte-identical across platforms).</summary>
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options).ReplaceLineEndings("\n") + "\n";
}
