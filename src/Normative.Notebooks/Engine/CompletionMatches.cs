namespace Normative.Notebooks.Engine;

/// <summary>Completions for a cursor position: the candidate texts and the span of code they replace.</summary>
/// <param name="Matches">Candidate texts, best first.</param>
/// <param name="Start">UTF-16 offset where the replaced text starts.</param>
/// <param name="End">UTF-16 offset where the replaced text ends.</param>
public sealed record CompletionMatches(IReadOnlyList<string> Matches, int Start, int End);
