using System.CommandLine;

namespace Normative.Cli;

/// <summary>The root of the <c>normative</c> program: one verb per sub-command.</summary>
internal static class NormativeCommand
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Multimodal normative modelling with variational autoencoders (mmSIVAE and baselines).");
        return root;
    }
}
