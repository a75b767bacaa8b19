using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Normative.Models;

/// <summary>
/// A projector g_j of JNF-Shared: an MLP over one modality's features alone (no covariates, which every
/// modality shares and would make the contrastive task trivial) to a projection of size k.
/// </summary>
public sealed class Projector : Module<Tensor, Tensor>
{
    private readonly Sequential body;
    private readonly Linear output;

    /// <param name="name">Module name.</param>
    /// <param name="features">Input features p_j.</param>
    /// <param name="hidden">Hidden widths (the encoders', jnf-paper App. E).</param>
    /// <param name="projection">k.</param>
    public Projector(string name, int features, IReadOnlyList<int> hidden, int projection) : base(name)
    {
        body = Mlp.Hidden(features, hidden);
        output = Linear(hidden[^1], projection);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        return output.forward(body.forward(x)).MoveToOuterDisposeScope();
    }
}
