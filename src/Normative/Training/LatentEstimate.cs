namespace Normative.Training;

/// <summary>Which point of the joint posterior q(z | X) represents a subject.</summary>
public enum LatentEstimate
{
    /// <summary>The posterior mean (for a mixture, sum_k w_k mu_k), as the authors' code does (design §5).</summary>
    Mean,

    /// <summary>One seeded stratified sample, the paper's literal reading of Eq. 12.</summary>
    Sample,
}
