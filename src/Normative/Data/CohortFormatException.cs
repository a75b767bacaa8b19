namespace Normative.Data;

/// <summary>
/// Thrown when cohort files are missing, malformed or inconsistent. The message names the file, row and
/// column of the first problem; <see cref="Issues"/> lists every problem found (nothing is dropped or imputed).
/// </summary>
public sealed class CohortFormatException : Exception
{
    public CohortFormatException(IReadOnlyList<CohortIssue> issues)
        : base(Describe(issues))
    {
        Issues = issues;
    }

    public CohortFormatException(CohortIssue issue)
        : this([issue])
    {
    }

    public CohortFormatException(string file, int? row, string? column, string problem)
        : this(new CohortIssue(file, row, column, problem))
    {
    }

    /// <summary>Every problem found, in the order they were found; never empty.</summary>
    public IReadOnlyList<CohortIssue> Issues { get; }

    /// <summary>The first problem.</summary>
    public CohortIssue First => Issues[0];

    private static string Describe(IReadOnlyList<CohortIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        if (issues.Count == 0) throw new ArgumentException("At least one issue is required.", nameof(issues));
        return issues.Count == 1
            ? issues[0].ToString()
            : $"{issues[0]} (and {issues.Count - 1} more problem{(issues.Count == 2 ? "" : "s")}; see Issues)";
    }
}
