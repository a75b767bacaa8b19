using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Normative.Models;

/// <summary>Builds the hidden part of the encoder and decoder MLPs: Linear then ReLU per width.</summary>
internal static class Mlp
{
    public static Sequential Hidden(int input, IReadOnlyList<int> widths)
    {
        var layers = new List<(string, Module<Tensor, Tensor>)>();
        int width = input;
        for (int i = 0; i < widths.Count; i++)
        {
            layers.Add(($"fc{i + 1}", Linear(width, widths[i])));
            layers.Add(($"relu{i + 1}", ReLU()));
            width = widths[i];
        }
        return Sequential(layers);
    }
}
