using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Normative.Models;

/// <summary>
/// A MADE block for a masked autoregressive flow: an MLP whose masks make output i depend only on
/// inputs 1..i-1, giving the shift m_i(z_{&lt;i}) and log-scale s_i(z_{&lt;i}) of dimension i.
/// </summary>
/// <remarks>
/// Germain et al., "MADE: Masked Autoencoder for Distribution Estimation", ICML 2015 (arXiv:1502.03509).
/// Degrees: input i has degree i (1..d); hidden unit k has degree 1 + (k mod (d - 1)), a deterministic
/// cycle so every degree is present; a hidden unit sees inputs of degree &lt;= its own, an output of
/// degree i sees hidden units of degree &lt; i. The log-scale is soft-clamped, s = c tanh(s_raw / c)
/// with c = <see cref="LogScaleBound"/>, so one block never scales a dimension by more than e^c (keeps
/// early training stable; smooth, so log-determinants stay exact).
/// </remarks>
public sealed class Made : Module<Tensor, (Tensor Shift, Tensor LogScale)>
{
    /// <summary>Bound c of the soft-clamped log-scale.</summary>
    public const double LogScaleBound = 5.0;

    private readonly ModuleList<MaskedLinear> hidden;
    private readonly MaskedLinear output;
    private readonly int dimension;

    /// <param name="name">Module name.</param>
    /// <param name="dimension">d, the dimension of the variable. Range: &gt;= 1.</param>
    /// <param name="hiddenWidths">Hidden layer widths (one or more).</param>
    public Made(string name, int dimension, IReadOnlyList<int> hiddenWidths) : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (hiddenWidths.Count == 0 || hiddenWidths.Any(h => h < 1))
            throw new ArgumentException($"MADE hidden widths [{string.Join(", ", hiddenWidths)}] must be one or more positive integers.", nameof(hiddenWidths));
        this.dimension = dimension;
        var inputDegrees = Enumerable.Range(1, dimension).ToArray();
        var previous = inputDegrees;
        var layers = new List<MaskedLinear>();
        for (int l = 0; l < hiddenWidths.Count; l++)
        {
            var degrees = Enumerable.Range(0, hiddenWidths[l]).Select(k => 1 + k % Math.Max(1, dimension - 1)).ToArray();
            layers.Add(new MaskedLinear($"hidden{l + 1}", Mask(degrees, previous, (o, i) => o >= i)));
            previous = degrees;
        }
        hidden = ModuleList(layers.ToArray());
        // Outputs: shifts then log-scales, each of degree 1..d.
        var outputDegrees = inputDegrees.Concat(inputDegrees).ToArray();
        output = new MaskedLinear("output", Mask(outputDegrees, previous, (o, i) => o > i));
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override (Tensor Shift, Tensor LogScale) forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        var h = z;
        foreach (var layer in hidden) h = functional.relu(layer.forward(h));
        var parts = output.forward(h).split(dimension, 1);
        var logScale = LogScaleBound * (parts[1] / LogScaleBound).tanh();
        return (parts[0].MoveToOuterDisposeScope(), logScale.MoveToOuterDisposeScope());
    }

    private static Tensor Mask(int[] outputDegrees, int[] inputDegrees, Func<int, int, bool> connected)
    {
        var values = new float[outputDegrees.Length * inputDegrees.Length];
        for (int o = 0; o < outputDegrees.Length; o++)
            for (int i = 0; i < inputDegrees.Length; i++) values[o * inputDegrees.Length + i] = connected(outputDegrees[o], inputDegrees[i]) ? 1f : 0f;
        return tensor(values, [outputDegrees.Length, inputDegrees.Length]);
    }
}
