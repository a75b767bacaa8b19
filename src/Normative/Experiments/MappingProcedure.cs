namespace Normative.Experiments;

/// <summary>How the latent-to-region mapping (paper Fig 5) selects latent dimensions and turns them into regional effects.</summary>
public enum MappingProcedure
{
    /// <summary>
    /// The default (design §5, revised): per stage, dimensions whose Z_ml differs from the held-out controls'
    /// (Welch t, Benjamini-Hochberg); the regional effect of the stage is the mean over its patients of
    /// x̂(z̄_C + P_S(z_i - z̄_C), c_i) - x̂(z̄_C, c_i), signed, in control-sd units, with bootstrap CIs and BH over regions.
    /// </summary>
    Corrected,

    /// <summary>
    /// The paper's procedure (§4.4): dimensions with mean |Z_ml| &gt; 1.96 over all patients; decode them with the
    /// other dimensions and the covariates at 0, z-score the decodings and compare stages with held-out controls by Cohen's d.
    /// </summary>
    Paper,
}
