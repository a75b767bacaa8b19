using System.CommandLine;
using System.CommandLine.Invocation;

namespace Normative.Cli.Infrastructure;

/// <summary>
/// What <c>normative --version</c> does: package version, commit, TorchSharp and libtorch versions
/// (<see cref="VersionInfo"/>) instead of System.CommandLine's bare informational version.
/// </summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    /// <summary>Replaces the action of the root command's built-in <c>--version</c> option.</summary>
    public static void Install(RootCommand root) =>
        root.Options.OfType<VersionOption>().Single().Action = new VersionAction();

    /// <inheritdoc/>
    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(VersionInfo.Current.ToString());
        return 0;
    }
}
