namespace Normative.Plots;

/// <summary>
/// Regional effects for one patient group and one modality: a signed effect per region (the corrected
/// latent-to-region mapping's decoded effect in control-sd units, or the paper's Cohen's d vs controls) and
/// whether it survives FDR correction.
/// </summary>
/// <param name="Modality">Modality label, e.g. "MRI"; one panel per modality.</param>
/// <param name="Group">Group label, e.g. "CDR 0.5"; one row per group.</param>
/// <param name="Effect">Signed effect per region, in the order of the figure's region list (may be NaN where not significant).</param>
/// <param name="Significant">Per region: significant after Benjamini-Hochberg FDR (q = 0.05).</param>
public sealed record GroupRegionalEffect(string Modality, string Group, IReadOnlyList<double> Effect, IReadOnlyList<bool> Significant);
