using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Normative.Models;

/// <summary>
/// The decoder of one modality: an MLP with ReLU over [z, c] giving the mean of p(x_m | z, c), a
/// unit-variance Gaussian, so -log p is the sum of squared errors up to a constant (design §4).
/// </summary>
public sealed class ModalityDecoder : Module<Tensor, Tensor, Tensor>
{
    private readonly Sequential body;
    private readonly Module<Tensor, Tensor> output;

    /// <param name="name">Module name.</param>
    /// <param name="latent">Latent size d.</param>
    /// <param name="covariates">Covariate width c.</param>
    /// <param name="hidden">Hidden widths (design §4: 32, 64).</param>
    /// <param name="features">Output features p_m.</param>
    /// <param name="members">Models stacked in one module (see <see cref="StackedLinear"/>); 1 for a single model.</param>
    public ModalityDecoder(string name, int latent, int covariates, IReadOnlyList<int> hidden, int features, int members = 1) : base(name)
    {
        body = Mlp.Hidden(latent + covariates, hidden, members);
        output = Mlp.Layer(hidden[^1], features, members);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor z, Tensor covariates)
    {
        using var scope = NewDisposeScope();
        return output.forward(body.forward(cat([z, covariates], 1))).MoveToOuterDisposeScope();
    }
}
