namespace Normative.Models;

/// <summary>
/// Options of the soft-introspective models (SIVAE, mmSIVAE), App. C: beta_neg, gamma_r, the scale s and
/// the plain-VAE warm-up; beta_rec and beta_kl come from <see cref="ModelOptions"/>.
/// </summary>
public sealed record MmSivaeOptions : ModelOptions
{
    /// <summary>beta_neg: KL weight inside the encoder's expELBO, the repulsion of generated samples
    /// from the prior (paper: 10). Range: &gt;= 0.</summary>
    public double BetaNeg { get; init; } = 10.0;

    /// <summary>gamma_r: weight of the reconstruction of generated data in the decoder loss (paper: 1e-8). Range: &gt;= 0.</summary>
    public double GammaR { get; init; } = 1e-8;

    /// <summary>Scale s balancing ELBO and expELBO; null means 1 / (total input features), the
    /// Soft-IntroVAE rule. The paper's preset fixes 1/90. Range: &gt; 0.</summary>
    public double? Scale { get; init; }

    /// <summary>Number of first epochs trained as a plain VAE (both optimisers on s times the negative ELBO)
    /// before the introspective game starts. Range: &gt;= 0.</summary>
    public int WarmupEpochs { get; init; }

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        if (!(BetaNeg >= 0) || double.IsInfinity(BetaNeg)) throw new ArgumentOutOfRangeException(nameof(BetaNeg), BetaNeg, "beta_neg must be non-negative and finite.");
        if (!(GammaR >= 0) || double.IsInfinity(GammaR)) throw new ArgumentOutOfRangeException(nameof(GammaR), GammaR, "gamma_r must be non-negative and finite.");
        if (Scale is { } s && (!(s > 0) || double.IsInfinity(s))) throw new ArgumentOutOfRangeException(nameof(Scale), s, "The scale s must be positive and finite.");
        ArgumentOutOfRangeException.ThrowIfNegative(WarmupEpochs, nameof(WarmupEpochs));
    }
}
