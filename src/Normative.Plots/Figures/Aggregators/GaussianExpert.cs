namespace Normative.Plots;

/// <summary>
/// One unimodal posterior of the aggregator lesson: q_m(z | x_m) = N((Mu1, Mu2), diag(Var1, Var2))
/// over a 2-D latent space.
/// </summary>
/// <param name="Name">Label shown in panel titles, e.g. "MRI".</param>
/// <param name="Mu1">Mean of the first latent coordinate.</param>
/// <param name="Mu2">Mean of the second latent coordinate.</param>
/// <param name="Var1">Variance of the first coordinate. Range: Var1 &gt; 0.</param>
/// <param name="Var2">Variance of the second coordinate. Range: Var2 &gt; 0.</param>
public sealed record GaussianExpert(string Name, double Mu1, double Mu2, double Var1, double Var2);
