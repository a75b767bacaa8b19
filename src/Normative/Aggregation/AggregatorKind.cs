namespace Normative.Aggregation;

/// <summary>How the unimodal posteriors q(z | x_m) are fused into one joint posterior q(z | X).</summary>
/// <remarks>mmSIVAE paper §2.2 and §3.2; AVG from the MMVM-VAE paper, App. B.</remarks>
public enum AggregatorKind
{
    /// <summary>Product of the observed experts and the standard-normal prior expert (Eq. 4).</summary>
    PoE,

    /// <summary>Uniform mixture of the observed unimodal posteriors (Eq. 5).</summary>
    MoE,

    /// <summary>Uniform mixture of the PoE of every non-empty subset of observed modalities (Eq. 11).</summary>
    MoPoE,

    /// <summary>One Gaussian whose mean is the mean of the means and whose sd is the mean of the sds.</summary>
    Avg,
}
