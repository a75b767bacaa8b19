using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Normative.Models;

/// <summary>
/// The encoder of one modality: an MLP with ReLU over [x_m, c] (covariates c concatenated, as in a
/// conditional VAE, paper §4.1) and two linear heads for the mean and log-variance of q(z | x_m).
/// </summary>
public sealed class ModalityEncoder : Module<Tensor, Tensor, GaussianParameters>
{
    private readonly Sequential body;
    private readonly Module<Tensor, Tensor> mean;
    private readonly Module<Tensor, Tensor> logVariance;

    /// <param name="name">Module name.</param>
    /// <param name="features">Input features p_m.</param>
    /// <param name="covariates">Covariate width c.</param>
    /// <param name="hidden">Hidden widths (design §4: 64, 32).</param>
    /// <param name="latent">Latent size d.</param>
    /// <param name="members">Models stacked in one module (see <see cref="StackedLinear"/>); 1 for a single model.</param>
    public ModalityEncoder(string name, int features, int covariates, IReadOnlyList<int> hidden, int latent, int members = 1) : base(name)
    {
        body = Mlp.Hidden(features + covariates, hidden, members);
        mean = Mlp.Layer(hidden[^1], latent, members);
        logVariance = Mlp.Layer(hidden[^1], latent, members);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override GaussianParameters forward(Tensor x, Tensor covariates)
    {
        using var scope = NewDisposeScope();
        var h = body.forward(cat([x, covariates], 1));
        return new GaussianParameters(mean.forward(h).MoveToOuterDisposeScope(), logVariance.forward(h).MoveToOuterDisposeScope());
    }
}
