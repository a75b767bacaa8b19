using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Normative.Models;

/// <summary>
/// A linear layer whose weight is multiplied elementwise by a fixed 0/1 mask, y = (W ⊙ M) x + b, so
/// output k only sees the inputs the mask allows (MADE's autoregressive connectivity).
/// </summary>
/// <remarks>Germain, Gregor, Murray and Larochelle, "MADE: Masked Autoencoder for Distribution
/// Estimation", ICML 2015 (arXiv:1502.03509), §4.</remarks>
public sealed class MaskedLinear : Module<Tensor, Tensor>
{
    private readonly Linear linear;
    private readonly Tensor mask;

    /// <param name="name">Module name.</param>
    /// <param name="mask">Float 0/1 mask [outputs, inputs]; the layer's shape is read from it.</param>
    public MaskedLinear(string name, Tensor mask) : base(name)
    {
        linear = Linear(mask.shape[1], mask.shape[0]);
        this.mask = mask;
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return functional.linear(x, linear.weight! * mask, linear.bias).MoveToOuterDisposeScope();
    }
}
