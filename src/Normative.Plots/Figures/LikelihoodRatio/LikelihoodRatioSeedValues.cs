namespace Normative.Plots;

/// <summary>
/// One cell of the paper's Table 1: a method's positive likelihood ratio (TPR / FPR of outliers,
/// patients vs held-out controls) at one latent size, one value per training seed.
/// </summary>
/// <param name="Method">Row label, e.g. "mmSIVAE MoPoE".</param>
/// <param name="LatentSize">Latent dimension d (5, 10, 15, 20 in the paper). Range: d ≥ 1.</param>
/// <param name="SeedValues">One ratio per seed. Range: ≥ 0; +∞ when no held-out control is an outlier; NaN when undefined (0/0).</param>
public sealed record LikelihoodRatioSeedValues(string Method, int LatentSize, IReadOnlyList<double> SeedValues);
