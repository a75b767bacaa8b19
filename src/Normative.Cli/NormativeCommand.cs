using System.CommandLine;
using Normative.Cli.Infrastructure;

namespace Normative.Cli;

/// <summary>The root of the <c>normative</c> program: one verb per sub-command (design §8).</summary>
internal static class NormativeCommand
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Multimodal normative modelling with variational autoencoders (mmSIVAE and baselines).");
        root.Options.Add(CliErrors.Verbose);
        VersionAction.Install(root);
        // Each verb lives in its own file under Commands/ and is added here, one line each.
        root.Subcommands.Add(Commands.CohortCommand.Create());
        root.Subcommands.Add(Commands.TrainCommand.Create());
        root.Subcommands.Add(Commands.ScoreCommand.Create());
        root.Subcommands.Add(Commands.ReproduceCommand.Create());
        root.Subcommands.Add(Commands.GridCommand.Create());
        root.Subcommands.Add(Commands.KernelCommand.Create());
        root.Subcommands.Add(Commands.NotebookCommand.Create());
        root.Subcommands.Add(Commands.DoctorCommand.Create());
        return root;
    }
}
