using System.Globalization;

namespace Normative.Data;

/// <summary>How the package writes CSV cells: invariant culture, round-trip doubles, quotes only where needed.</summary>
public static class CsvFormat
{
    /// <summary>Shortest text that parses back to exactly <paramref name="value"/> ("R" format, invariant culture).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An optional number: empty text for null.</summary>
    public static string Number(double? value) => value is double v ? Number(v) : "";

    public static string Boolean(bool value) => value ? "true" : "false";

    /// <summary>Quotes <paramref name="cell"/> when it holds a comma, quote or line break.</summary>
    public static string Escape(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") < 0 ? cell : "\"" + cell.Replace("\"", "\"\"") + "\"";

    /// <summary>Writes one CSV line (LF-terminated, so files are byte-identical across platforms).</summary>
    public static void WriteRow(TextWriter writer, IEnumerable<string> cells)
    {
        writer.Write(string.Join(',', cells.Select(Escape)));
        writer.Write('\n');
    }
}
