namespace Normative.Plots;

/// <summary>A correlation coefficient and its p-value, as computed by the statistics code (shown, not recomputed).</summary>
/// <param name="Method">"Pearson", "Spearman", "partial (age, sex)", ...</param>
/// <param name="R">Correlation coefficient. Range: −1 ≤ r ≤ 1.</param>
/// <param name="P">Two-sided p-value. Range: 0 ≤ p ≤ 1.</param>
public sealed record CorrelationSummary(string Method, double R, double P);
