namespace Normative.Plots;

/// <summary>A correlation with its confidence interval, as computed by the statistics code (shown, not recomputed).</summary>
/// <param name="Label">Row label, e.g. "none · mmNormVAE · mean_regional".</param>
/// <param name="Model">Model label (colour).</param>
/// <param name="R">Correlation. Range: −1 ≤ r ≤ 1.</param>
/// <param name="Lower">Lower end of the interval.</param>
/// <param name="Upper">Upper end of the interval.</param>
public sealed record CorrelationInterval(string Label, string Model, double R, double Lower, double Upper);
