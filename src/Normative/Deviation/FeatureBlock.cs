namespace Normative.Deviation;

/// <summary>One modality's contiguous columns in the D_mf feature vector (e.g. MRI's 90 regions, then amyloid's 90).</summary>
/// <param name="Modality">Modality name.</param>
/// <param name="Width">Number of regions R_m. Range: &gt;= 1.</param>
public sealed record FeatureBlock(string Modality, int Width);
