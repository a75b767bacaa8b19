namespace Normative.Data;

/// <summary>
/// One problem found in a cohort's files, located as a spreadsheet shows it: the file, the 1-based row
/// (the header is row 1, the first subject row 2; for JSON files the line) and the column.
/// </summary>
/// <param name="File">Path of the offending file.</param>
/// <param name="Row">1-based row, or null when the problem concerns the whole file or column.</param>
/// <param name="Column">Column name (or JSON path), or null when the problem concerns the whole file or row.</param>
/// <param name="Problem">What is wrong and, where it helps, what was expected.</param>
public sealed record CohortIssue(string File, int? Row, string? Column, string Problem)
{
    public override string ToString()
    {
        var where = File;
        if (Row is int row) where += $", row {row}";
        if (Column is not null) where += $", column '{Column}'";
        return $"{where}: {Problem}";
    }
}
