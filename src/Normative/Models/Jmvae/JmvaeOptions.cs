namespace Normative.Models;

/// <summary>Options of <see cref="Jmvae"/>: the weight alpha of the unimodal KL terms.</summary>
public sealed record JmvaeOptions : ModelOptions
{
    /// <summary>alpha: weight of sum_m KL(q(z | X) || q(z | x_m)) (JMVAE-kl). 1 is the Multi-view-AE
    /// version the mmSIVAE baselines used; Suzuki et al. also report 0.01-1. Range: &gt;= 0.</summary>
    public double Alpha { get; init; } = 1.0;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        if (!(Alpha >= 0) || double.IsInfinity(Alpha)) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "alpha must be non-negative and finite.");
    }
}
