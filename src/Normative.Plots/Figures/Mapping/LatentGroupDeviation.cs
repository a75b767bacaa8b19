namespace Normative.Plots;

/// <summary>Mean absolute latent deviation |Z_ml| per latent dimension for one patient group.</summary>
/// <param name="Group">Group label, e.g. "CDR 0.5".</param>
/// <param name="MeanAbsoluteZ">Mean over the group's subjects of |Z_ml| (Eq. 14) for dimensions 1..d.</param>
public sealed record LatentGroupDeviation(string Group, IReadOnlyList<double> MeanAbsoluteZ);
