namespace Normative.Plots;

/// <summary>One model's per-region reconstruction error on held-out controls, for one modality.</summary>
/// <param name="Model">Model label, e.g. "mmSIVAE (MoPoE)"; one colour per model across panels.</param>
/// <param name="Modality">Modality label, e.g. "MRI"; one panel per modality.</param>
/// <param name="Mean">Mean error per region, in the order of the figure's region list.</param>
/// <param name="Spread">Optional error-bar half-width per region (e.g. standard error over subjects or seeds).</param>
public sealed record RegionalErrors(string Model, string Modality, IReadOnlyList<double> Mean, IReadOnlyList<double>? Spread = null);
