namespace Normative.Plots;

/// <summary>One model's deviation scores for held-out controls and patients, with the distance between the two distributions.</summary>
/// <param name="Model">Panel label, e.g. "mmSIVAE".</param>
/// <param name="Controls">Deviation (e.g. D_mf) of each held-out control.</param>
/// <param name="Patients">Deviation of each patient.</param>
/// <param name="EarthMoversDistance">1-D Wasserstein distance W1 between the two empirical distributions (computed by the deviation code).</param>
public sealed record DeviationDistributions(string Model, IReadOnlyList<double> Controls, IReadOnlyList<double> Patients, double EarthMoversDistance);
