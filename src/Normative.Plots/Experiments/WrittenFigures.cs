namespace Normative.Plots;

/// <summary>What <see cref="ReproductionFigures.Write"/> put in the figures folder.</summary>
/// <param name="ReportSection">The report's Markdown section listing the figures (PNG inline where there is one, always a link to the HTML).</param>
/// <param name="Names">The figures written, by file name without extension; each has a <c>.html</c>.</param>
/// <param name="PngCount">How many of them also have a <c>.png</c>.</param>
/// <param name="MissingPngNote">
/// Null when every figure has its PNG; otherwise one line saying why there are none (or fewer) and how
/// to get them — the same line the report carries, for the caller to print.
/// </param>
public sealed record WrittenFigures(string ReportSection, IReadOnlyList<string> Names, int PngCount, string? MissingPngNote);
