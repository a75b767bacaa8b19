using System.Text.Json;
using System.Text.Json.Serialization;

namespace Normative.Data.Import;

/// <summary>
/// Where one package field comes from in a user's table: the source column and, optionally, how its values
/// translate into the package's codes (e.g. <c>"CN" -&gt; "control"</c>). In JSON either a column name
/// (<c>"age": "AGE"</c>) or an object (<c>"sex": { "column": "gender", "values": { "female": "F", "male": "M" } }</c>).
/// </summary>
/// <param name="Column">Source column name (exact, case-sensitive).</param>
/// <param name="Values">Source value -&gt; package value; null passes values through. A value not listed is an error.</param>
[JsonConverter(typeof(ColumnMapConverter))]
public sealed record ColumnMap(string Column, IReadOnlyDictionary<string, string>? Values = null)
{
    /// <summary>The package value of <paramref name="source"/>, or null when a value map exists and does not list it.</summary>
    public string? Translate(string source) =>
        Values is null ? source : Values.TryGetValue(source, out var value) ? value : null;
}

/// <summary>Reads a <see cref="ColumnMap"/> from a string or an object.</summary>
internal sealed class ColumnMapConverter : JsonConverter<ColumnMap>
{
    private sealed record Shape(string Column, Dictionary<string, string>? Values);

    public override ColumnMap Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return new ColumnMap(reader.GetString()!);
        var shape = JsonSerializer.Deserialize<Shape>(ref reader, options)
            ?? throw new JsonException("A column mapping must be a column name or { \"column\": ..., \"values\": {...} }.");
        if (string.IsNullOrWhiteSpace(shape.Column)) throw new JsonException("A column mapping needs a non-empty \"column\".");
        return new ColumnMap(shape.Column, shape.Values);
    }

    public override void Write(Utf8JsonWriter writer, ColumnMap value, JsonSerializerOptions options)
    {
        if (value.Values is null)
        {
            writer.WriteStringValue(value.Column);
            return;
        }
        JsonSerializer.Serialize(writer, new Shape(value.Column, value.Values.ToDictionary()), options);
    }
}
