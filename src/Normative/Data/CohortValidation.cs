namespace Normative.Data;

/// <summary>The outcome of checking a cohort's files (<see cref="CohortLoader.Check"/>).</summary>
/// <param name="Cohort">The cohort when it is valid, else null.</param>
/// <param name="Issues">The first problems found (at most <see cref="CohortLoader.MaxIssues"/>), in file order.</param>
/// <param name="TotalIssues">How many problems were found in all, so a summary can say exactly how many it leaves out.</param>
public sealed record CohortValidation(Cohort? Cohort, IReadOnlyList<CohortIssue> Issues, int TotalIssues);
