using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Normative.Experiments;

/// <summary>
/// How experiment results are written: CSV with invariant culture (so a German locale does not write
/// decimal commas) and JSON in snake_case with infinities as the strings "Infinity"/"-Infinity"
/// (JSON has no literal for them; a likelihood ratio with no control outliers is infinite, not missing).
/// The JSON shapes are described by data-schemas/results.schema.json.
/// </summary>
public static class ResultFiles
{
    /// <summary>Serializer options of every results JSON file.</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Writes <paramref name="value"/> as JSON to <paramref name="path"/> (folders created).</summary>
    public static void WriteJson<T>(string path, T value)
    {
        CreateFolderOf(path);
        File.WriteAllText(path, JsonSerializer.Serialize(value, Json) + "\n");
    }

    /// <summary>Writes a CSV with <paramref name="header"/> and <paramref name="rows"/> (cells formatted invariantly, quoted when needed).</summary>
    public static void WriteCsv(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        CreateFolderOf(path);
        var text = new StringBuilder();
        text.AppendJoin(',', header.Select(Quote)).Append('\n');
        foreach (var row in rows)
        {
            if (row.Count != header.Count) throw new ArgumentException($"A row of {path} has {row.Count} cells for {header.Count} columns.");
            text.AppendJoin(',', row.Select(Cell)).Append('\n');
        }
        File.WriteAllText(path, text.ToString());
    }

    /// <summary>
    /// One CSV cell: numbers round-trip ("R"), infinities as "Infinity"/"-Infinity" (the package's one CSV spelling,
    /// <see cref="Data.CsvFormat.Number(double)"/>: the same word as the JSON files, and what .NET, pandas and R parse back),
    /// booleans as true/false, null as empty.
    /// </summary>
    public static string Cell(object? value) => value switch
    {
        null => "",
        double d => Data.CsvFormat.Number(d),
        float f => Data.CsvFormat.Number(f),
        bool b => b ? "true" : "false",
        IFormattable f => Quote(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => Quote(value.ToString() ?? ""),
    };

    /// <summary>A number for Markdown tables: 2 decimals, "∞" for infinity.</summary>
    public static string Short(double value, string format = "0.00") =>
        double.IsPositiveInfinity(value) ? "∞" : double.IsNegativeInfinity(value) ? "-∞" : value.ToString(format, CultureInfo.InvariantCulture);

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;

    private static void CreateFolderOf(string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder != null) Directory.CreateDirectory(folder);
    }
}
