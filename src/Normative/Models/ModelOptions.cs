namespace Normative.Models;

/// <summary>
/// Options every model shares (design §4): the encoder/decoder widths, the weights of the
/// reconstruction and KL terms, and where the tensors live. Models derive their own options from this
/// record and add only what is new.
/// </summary>
public record ModelOptions
{
    /// <summary>Hidden layer widths of each encoder MLP, input side first (paper: 64, 32).</summary>
    public IReadOnlyList<int> EncoderHidden { get; init; } = [64, 32];

    /// <summary>Hidden layer widths of each decoder MLP, latent side first (paper: 32, 64).</summary>
    public IReadOnlyList<int> DecoderHidden { get; init; } = [32, 64];

    /// <summary>beta_rec: weight of the reconstruction term (sum of squared errors). Range: &gt; 0.</summary>
    public double BetaRec { get; init; } = 1.0;

    /// <summary>beta_kl: weight of KL(q(z | X) || p(z)). Range: &gt;= 0.</summary>
    public double BetaKl { get; init; } = 1.0;

    /// <summary>For MoPoE only: include the N(0, I) prior expert in every subset's product.</summary>
    public bool MixturePriorExpert { get; init; }

    /// <summary>Torch device: "cpu" (default) or "cuda" / "cuda:N" (needs the TorchSharp CUDA package).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Throws on values no model can use.</summary>
    public virtual void Validate()
    {
        if (EncoderHidden.Count == 0 || EncoderHidden.Any(h => h < 1))
            throw new ArgumentException($"Encoder widths [{string.Join(", ", EncoderHidden)}] must be one or more positive integers.", nameof(EncoderHidden));
        if (DecoderHidden.Count == 0 || DecoderHidden.Any(h => h < 1))
            throw new ArgumentException($"Decoder widths [{string.Join(", ", DecoderHidden)}] must be one or more positive integers.", nameof(DecoderHidden));
        if (!(BetaRec > 0) || double.IsInfinity(BetaRec)) throw new ArgumentOutOfRangeException(nameof(BetaRec), BetaRec, "beta_rec must be positive and finite.");
        if (!(BetaKl >= 0) || double.IsInfinity(BetaKl)) throw new ArgumentOutOfRangeException(nameof(BetaKl), BetaKl, "beta_kl must be non-negative and finite.");
    }
}
