namespace Normative.Experiments;

/// <summary>Where the regional deviations of the latent-to-region mapping (paper Fig 5B) come from.</summary>
public enum RegionalDeviationSource
{
    /// <summary>
    /// Decoded from the selected latent dimensions alone (the others and the covariates set to 0), z-scored
    /// against the training controls' decodings (paper §4.4).
    /// </summary>
    DecodedSelectedLatents,

    /// <summary>
    /// No latent dimension passed the selection threshold, so the reconstruction-error z-scores Z_mf (Eq. 14,
    /// all latent dimensions) are used instead, as in the authors' released code.
    /// </summary>
    ReconstructionErrorZ,
}
