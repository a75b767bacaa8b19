namespace Normative.Data;

/// <summary>
/// Collects <see cref="CohortIssue"/>s: keeps the first <see cref="CohortLoader.MaxIssues"/> and counts every one.
/// </summary>
/// <remarks>
/// <see cref="Count"/> counts every issue, kept or not: readers compare it before and after a row to learn
/// whether the row was bad, which must stay true once the list is full (it once did not, and a row with
/// a missing value was then read as good).
/// </remarks>
internal sealed class IssueSink
{
    private readonly List<CohortIssue> _items = [];

    /// <summary>Every issue reported so far, including those beyond the kept list.</summary>
    public int Count { get; private set; }

    /// <summary>The first issues, at most <see cref="CohortLoader.MaxIssues"/>.</summary>
    public IReadOnlyList<CohortIssue> Items => _items;

    public void Add(CohortIssue issue)
    {
        Count++;
        if (_items.Count < CohortLoader.MaxIssues) _items.Add(issue);
    }

    public void AddRange(IEnumerable<CohortIssue> issues)
    {
        foreach (var issue in issues) Add(issue);
    }

    /// <summary>Issues the header of <paramref name="table"/> if a column appears twice; returns whether it was clean.</summary>
    public bool CheckDuplicateColumns(CsvTable table)
    {
        bool clean = true;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in table.Header)
        {
            if (seen.Add(column)) continue;
            Add(new CohortIssue(table.File, 1, column, "the column appears more than once in the header."));
            clean = false;
        }
        return clean;
    }

    /// <summary>
    /// The finite number in data row <paramref name="index"/>, column <paramref name="column"/>; empty,
    /// non-numeric, NaN and infinite cells are issues (and return null).
    /// </summary>
    public double? Number(CsvTable table, int index, int column)
    {
        string text = table.Row(index)[column].Trim();
        string where = table.Header[column];
        int row = CsvTable.SpreadsheetRow(index);
        if (text.Length == 0)
        {
            Add(new CohortIssue(table.File, row, where, "empty value in a required field."));
            return null;
        }
        if (SubjectColumns.TryParseFinite(text, out double value)) return value;
        string problem = double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double parsed)
            ? double.IsNaN(parsed) ? "NaN is not a valid value." : $"'{text}' is infinite or out of range."
            : $"'{text}' is not a number.";
        Add(new CohortIssue(table.File, row, where, problem));
        return null;
    }
}
