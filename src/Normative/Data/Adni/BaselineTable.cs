using System.Globalization;

namespace Normative.Data.Adni;

/// <summary>
/// One ADNI table reduced to its baseline rows: one row per subject id among the rows whose visit code is
/// a baseline code. Two baseline rows for one id is an error (which one to use is the user's call).
/// </summary>
internal sealed class BaselineTable
{
    private readonly Dictionary<string, int> _rowOf;
    private readonly IReadOnlyList<string> _missingCodes;

    public BaselineTable(CsvTable table, string idColumn, string visitColumn, AdniColumnMapping mapping, IEnumerable<string> requiredColumns)
    {
        Table = table;
        _missingCodes = mapping.MissingCodes;
        var missing = requiredColumns.Prepend(visitColumn).Prepend(idColumn).Distinct().Where(c => table.ColumnIndex(c) < 0)
            .Select(c => new CohortIssue(table.File, 1, c, "missing column (named in the ADNI column mapping).")).ToArray();
        if (missing.Length > 0) throw new CohortFormatException(missing);
        _rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var visits = mapping.VisitCodes.ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < table.RowCount; i++)
        {
            if (!visits.Contains(table.Cell(i, visitColumn).Trim())) continue;
            string id = table.Cell(i, idColumn).Trim();
            if (id.Length == 0) throw new CohortFormatException(table.File, CsvTable.SpreadsheetRow(i), idColumn, "empty subject id.");
            if (!_rowOf.TryAdd(id, i))
            {
                throw new CohortFormatException(table.File, CsvTable.SpreadsheetRow(i), visitColumn,
                    $"subject {id} has a second baseline row (first on row {CsvTable.SpreadsheetRow(_rowOf[id])}); keep one row per subject among visits {string.Join(", ", mapping.VisitCodes)}.");
            }
        }
    }

    public CsvTable Table { get; }

    public IEnumerable<string> Ids => _rowOf.Keys;

    public bool TryRow(string id, out int row) => _rowOf.TryGetValue(id, out row);

    /// <summary>The number in <paramref name="column"/> of <paramref name="row"/>, null for a missing code or a negative value
    /// (ADNI's missing markers); any other non-number is an error naming file, row and column.</summary>
    public double? Number(int row, string column)
    {
        string text = Table.Cell(row, column).Trim();
        if (_missingCodes.Contains(text, StringComparer.OrdinalIgnoreCase)) return null;
        if (!SubjectColumns.TryParseFinite(text, out double value))
            throw new CohortFormatException(Table.File, CsvTable.SpreadsheetRow(row), column, $"'{text}' is neither a number nor a missing code ({string.Join(", ", _missingCodes.Select(c => $"'{c}'"))}).");
        return value < 0 ? null : value;
    }

    /// <summary>The first of <paramref name="candidates"/> present in the header; an error naming them all when none is.</summary>
    public string ResolveColumn(IReadOnlyList<string> candidates, string what)
    {
        foreach (var c in candidates)
            if (Table.ColumnIndex(c) >= 0) return c;
        throw new CohortFormatException(Table.File, 1, candidates[0],
            string.Create(CultureInfo.InvariantCulture, $"missing column for {what} (accepted names: {string.Join(", ", candidates)})."));
    }
}
