namespace Normative.Data.Synthetic;

/// <summary>One acquisition site of a synthetic study and the distribution its per-region scanner shift is drawn from.</summary>
/// <param name="Name">Site label written to the subjects table's <c>site</c> column.</param>
/// <param name="Weight">Share of the study's subjects scanned here (the weights of a study sum to 1).</param>
/// <param name="LocationMean">Mean of the per-region location shift (residual SDs).</param>
/// <param name="LocationSd">SD of the per-region location shift across regions.</param>
/// <param name="ScaleLogSd">SD of the log of the per-region scale.</param>
public sealed record SiteParameters(string Name, double Weight, double LocationMean, double LocationSd, double ScaleLogSd);
