using System.Text;

namespace Normative.Data;

/// <summary>
/// A comma-separated table as text cells (RFC 4180: quoted fields, doubled quotes, CRLF or LF). Rows are
/// addressed by data index (0 = first row after the header); <see cref="SpreadsheetRow"/> converts to the
/// row number a spreadsheet shows, which is what error messages use.
/// </summary>
public sealed class CsvTable
{
    private readonly List<string[]> _rows;
    private readonly Dictionary<string, int> _firstIndex;

    private CsvTable(string file, string[] header, List<string[]> rows)
    {
        File = file;
        Header = header;
        _rows = rows;
        _firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < header.Length; c++) _firstIndex.TryAdd(header[c], c);
    }

    /// <summary>The file the table came from (as given), used in error messages.</summary>
    public string File { get; }

    public IReadOnlyList<string> Header { get; }

    /// <summary>Number of data rows (the header excluded).</summary>
    public int RowCount => _rows.Count;

    /// <summary>The cells of data row <paramref name="index"/>.</summary>
    public IReadOnlyList<string> Row(int index) => _rows[index];

    /// <summary>The 1-based row number a spreadsheet shows for data row <paramref name="index"/> (header = row 1).</summary>
    public static int SpreadsheetRow(int index) => index + 2;

    /// <summary>Index of the first column called <paramref name="name"/>, or -1.</summary>
    public int ColumnIndex(string name) => _firstIndex.TryGetValue(name, out int c) ? c : -1;

    /// <summary>The cell of data row <paramref name="index"/> in column <paramref name="column"/>.</summary>
    public string Cell(int index, string column)
    {
        int c = ColumnIndex(column);
        if (c < 0) throw new CohortFormatException(File, 1, column, "missing column.");
        return _rows[index][c];
    }

    /// <summary>Reads <paramref name="path"/>; a missing file or a row with the wrong number of cells is a <see cref="CohortFormatException"/>.</summary>
    public static CsvTable Read(string path)
    {
        if (!System.IO.File.Exists(path))
            throw new CohortFormatException(path, null, null, "file not found.");
        using var stream = System.IO.File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads a table from <paramref name="stream"/>; <paramref name="file"/> names it in errors.</summary>
    public static CsvTable Read(Stream stream, string file)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var records = Parse(reader.ReadToEnd(), file);
        if (records.Count == 0) throw new CohortFormatException(file, 1, null, "the file is empty; expected a header row.");
        var header = records[0];
        var rows = new List<string[]>(records.Count - 1);
        for (int r = 1; r < records.Count; r++)
        {
            var cells = records[r];
            if (cells.Length != header.Length)
            {
                string column = cells.Length < header.Length ? header[cells.Length] : $"#{header.Length + 1} (beyond the header)";
                throw new CohortFormatException(file, r + 1, column,
                    $"the row has {cells.Length} values but the header has {header.Length} columns.");
            }
            rows.Add(cells);
        }
        return new CsvTable(file, header, rows);
    }

    /// <summary>Builds a table from cells already in memory (used by importers and tests).</summary>
    public static CsvTable FromRows(string file, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows) =>
        new(file, header.ToArray(), rows.Select(r => r.ToArray()).ToList());

    private static List<string[]> Parse(string text, string file)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        bool inQuotes = false, fieldWasQuoted = false;
        int line = 1;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else inQuotes = false;
                }
                else
                {
                    if (ch == '\n') line++;
                    field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0 && !fieldWasQuoted:
                    inQuotes = true;
                    fieldWasQuoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldWasQuoted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    records.Add(fields.ToArray());
                    fields.Clear();
                    field.Clear();
                    fieldWasQuoted = false;
                    line++;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }
        if (inQuotes) throw new CohortFormatException(file, records.Count + 1, null, $"a quoted value opened on line {line} is never closed.");
        if (field.Length > 0 || fields.Count > 0 || fieldWasQuoted)
        {
            fields.Add(field.ToString());
            records.Add(fields.ToArray());
        }
        // Trailing blank lines are layout, not rows; a blank line between rows is reported as a short row.
        while (records.Count > 0 && records[^1] is [""]) records.RemoveAt(records.Count - 1);
        return records;
    }
}
