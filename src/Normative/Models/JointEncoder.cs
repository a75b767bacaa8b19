using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Normative.Models;

/// <summary>
/// The joint encoder q(z | X) of JMVAE and JNF: one MLP over all modalities concatenated, with the
/// covariates, giving a diagonal Gaussian. It needs every modality, so training rejects incomplete
/// subjects and scoring uses it only for complete ones.
/// </summary>
public sealed class JointEncoder : Module<IReadOnlyList<Tensor>, Tensor, Tensor, GaussianParameters>
{
    private readonly ModalityEncoder encoder;

    /// <param name="name">Module name.</param>
    /// <param name="spec">The model's spec (total features, covariates, encoder widths, latent size; its member count
    /// for a stack, see <see cref="StackedLinear"/>).</param>
    public JointEncoder(string name, ModelSpec spec) : base(name)
    {
        encoder = new ModalityEncoder("mlp", spec.TotalFeatures, spec.CovariateCount, spec.Options.EncoderHidden, spec.LatentDim, spec.MemberCount);
        RegisterComponents();
    }

    /// <summary>
    /// q(z | X) for every row; unobserved modalities enter as zeros so a row with a missing modality
    /// still gives finite values (callers use only complete rows).
    /// </summary>
    /// <param name="modalities">Per modality [n, p_m].</param>
    /// <param name="covariates">[n, c].</param>
    /// <param name="observed">Bool [n, M].</param>
    public override GaussianParameters forward(IReadOnlyList<Tensor> modalities, Tensor covariates, Tensor observed)
    {
        using var scope = NewDisposeScope();
        var inputs = modalities.Select((x, m) => x.masked_fill(observed[.., m].logical_not().unsqueeze(1), 0.0)).ToArray();
        var (mu, logVar) = encoder.forward(cat(inputs, 1), covariates);
        return new GaussianParameters(mu.MoveToOuterDisposeScope(), logVar.MoveToOuterDisposeScope());
    }

    /// <summary>Throws naming the first batch row that lacks a modality: the joint encoder cannot be trained on it.</summary>
    public static void RequireComplete(ModelBatch batch, string modelName)
    {
        using var complete = batch.Observed.all(1);
        if (complete.all().item<bool>()) return;
        using var rows = complete.logical_not().nonzero();
        throw new ArgumentException($"Model '{modelName}' trains a joint encoder over all modalities and needs every modality for every training subject; batch row {rows[0, 0].item<long>() + 1} ({rows.shape[0]} rows in all) lacks one. Train on complete subjects (it scores incomplete ones) or use mmvae/mmsivae.", nameof(batch));
    }
}
