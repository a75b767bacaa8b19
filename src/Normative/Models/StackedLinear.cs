using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Normative.Models;

/// <summary>
/// E independent linear layers run as one batched matrix product: weight [E, out, in], bias [E, out]. Its input
/// holds the members' rows one member after another ([E * n, in], member k in rows k*n .. (k+1)*n - 1), so every
/// row-wise operation of a model (activations, aggregators, losses per subject) runs unchanged on a stack, and only
/// the linear layers see the member dimension.
/// </summary>
/// <remarks>
/// Member k's slice weight[k], bias[k] has the layout of <see cref="TorchSharp.Modules.Linear"/>'s weight and bias, so a member is
/// copied into (or out of) a single model parameter by parameter. Why: E small models trained one after another pay
/// the per-operation overhead E times; stacked, they pay it once per step (issue 17).
/// </remarks>
public sealed class StackedLinear : Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;

    /// <param name="members">E. Range: &gt;= 1.</param>
    /// <param name="inputs">Input width.</param>
    /// <param name="outputs">Output width.</param>
    public StackedLinear(int members, int inputs, int outputs) : base(nameof(StackedLinear))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(members, 1);
        Members = members;
        weight = Parameter(empty(members, outputs, inputs));
        bias = Parameter(empty(members, outputs));
        RegisterComponents();
    }

    /// <summary>E.</summary>
    public int Members { get; }

    /// <summary>Weights [E, out, in]; member k's slice is laid out like <see cref="TorchSharp.Modules.Linear.weight"/>.</summary>
    public Parameter Weight => weight;

    /// <summary>Biases [E, out].</summary>
    public Parameter Bias => bias;

    /// <summary>Rows [E * n, in] to [E * n, out], member k's rows through member k's weights.</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        long inputs = weight.shape[2];
        var x = input.view(Members, -1, inputs);
        var y = x.bmm(weight.transpose(1, 2)).add_(bias.unsqueeze(1));
        return y.view(-1, weight.shape[1]).MoveToOuterDisposeScope();
    }
}
