using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Normative.Models;

/// <summary>Builds the encoder and decoder MLPs: Linear then ReLU per width.</summary>
internal static class Mlp
{
    /// <param name="input">Input width.</param>
    /// <param name="widths">Hidden widths.</param>
    /// <param name="members">Models stacked in one module (1: a single model with plain <see cref="TorchSharp.Modules.Linear"/> layers).</param>
    public static Sequential Hidden(int input, IReadOnlyList<int> widths, int members = 1)
    {
        var layers = new List<(string, Module<Tensor, Tensor>)>();
        int width = input;
        for (int i = 0; i < widths.Count; i++)
        {
            layers.Add(($"fc{i + 1}", Layer(width, widths[i], members)));
            layers.Add(($"relu{i + 1}", ReLU()));
            width = widths[i];
        }
        return Sequential(layers);
    }

    /// <summary>A linear layer of a single model (<paramref name="members"/> 1) or of a stack of models.</summary>
    public static Module<Tensor, Tensor> Layer(int inputs, int outputs, int members = 1) =>
        members == 1 ? Linear(inputs, outputs) : new StackedLinear(members, inputs, outputs);
}
