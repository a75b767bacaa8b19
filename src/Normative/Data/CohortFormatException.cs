namespace Normative.Data;

/// <summary>
/// Thrown when cohort files are missing, malformed or inconsistent. The message names the file, row and
/// column of the first problem; <see cref="Issues"/> lists every problem found (nothing is dropped or imputed).
/// </summary>
public sealed class CohortFormatException : Exception
{
    public CohortFormatException(IReadOnlyList<CohortIssue> issues)
        : this(issues, issues?.Count ?? 0)
    {
    }

    /// <param name="issues">The problems kept (the first ones).</param>
    /// <param name="totalIssues">How many problems were found in all (at least <c>issues.Count</c>).</param>
    public CohortFormatException(IReadOnlyList<CohortIssue> issues, int totalIssues)
        : base(Describe(issues, totalIssues))
    {
        Issues = issues;
        TotalIssues = Math.Max(totalIssues, issues.Count);
    }

    public CohortFormatException(CohortIssue issue)
        : this([issue])
    {
    }

    public CohortFormatException(string file, int? row, string? column, string problem)
        : this(new CohortIssue(file, row, column, problem))
    {
    }

    /// <summary>The problems kept (the first <see cref="CohortLoader.MaxIssues"/> at most), in the order they were found; never empty.</summary>
    public IReadOnlyList<CohortIssue> Issues { get; }

    /// <summary>How many problems were found in all, including any beyond <see cref="Issues"/>.</summary>
    public int TotalIssues { get; }

    /// <summary>The first problem.</summary>
    public CohortIssue First => Issues[0];

    private static string Describe(IReadOnlyList<CohortIssue> issues, int totalIssues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        if (issues.Count == 0) throw new ArgumentException("At least one issue is required.", nameof(issues));
        int more = Math.Max(totalIssues, issues.Count) - 1;
        return more == 0
            ? issues[0].ToString()
            : $"{issues[0]} (and {more} more problem{(more == 1 ? "" : "s")}; see Issues)";
    }
}
