using System.CommandLine;
using Normative.Cli.Infrastructure;
using Normative.Notebooks;
using Normative.Notebooks.Kernel;

namespace Normative.Cli.Commands;

/// <summary>
/// <c>normative kernel</c>: the Jupyter kernel over the notebook engine (design §7), and
/// <c>kernel install|uninstall</c> for its kernelspec.
/// </summary>
internal static class KernelCommand
{
    internal static Command Create()
    {
        var connectionFile = new Option<FileInfo>("--connection-file")
        {
            Description = "Connection file written by Jupyter (ports and signing key); Jupyter passes it when it starts the kernel.",
            Required = true,
        };
        var command = new Command("kernel",
            "Run the C# Jupyter kernel (Jupyter starts it from the kernelspec; you rarely run it yourself).\n" +
            "Example: normative kernel install --user, then open a notebook in VS Code or JupyterLab and pick \"" + EngineInfo.DisplayName + "\".");
        command.Options.Add(connectionFile);
        command.SetGuardedAction(async (parse, token) =>
        {
            var info = ConnectionInfo.Load(parse.GetValue(connectionFile)!.FullName);
            // Console.Error is captured per cell; the kernel's own log goes to the real stderr.
            using var log = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true };
            using var kernel = new JupyterKernel(info, log);
            return await kernel.RunAsync(token).ConfigureAwait(false);
        });
        command.Subcommands.Add(Install());
        command.Subcommands.Add(Uninstall());
        return command;
    }

    private static (Option<bool> User, Option<DirectoryInfo> Prefix) TargetOptions() => (
        new Option<bool>("--user") { Description = "Use the user's Jupyter data folder (the default), e.g. ~/.local/share/jupyter/kernels." },
        new Option<DirectoryInfo>("--prefix") { Description = "Use PREFIX/share/jupyter/kernels (an environment; point JUPYTER_PATH at PREFIX/share/jupyter)." });

    private static string KernelsDirectory(ParseResult parse, Option<bool> user, Option<DirectoryInfo> prefix)
    {
        var prefixDirectory = parse.GetValue(prefix);
        if (prefixDirectory != null && parse.GetValue(user)) throw new ArgumentException("--user and --prefix exclude each other; give one.");
        return prefixDirectory != null ? KernelSpecInstaller.PrefixKernelsDirectory(prefixDirectory.FullName) : KernelSpecInstaller.UserKernelsDirectory();
    }

    private static Command Install()
    {
        var (user, prefix) = TargetOptions();
        var command = new Command("install",
            $"Write the kernelspec '{EngineInfo.KernelName}' (\"{EngineInfo.DisplayName}\") so Jupyter, VS Code and nbconvert can start this program as a kernel.\n" +
            "Example: normative kernel install --user   (or: normative kernel install --prefix .venv)");
        command.Options.Add(user);
        command.Options.Add(prefix);
        command.SetGuardedAction((parse, _) =>
        {
            var launch = KernelSpecInstaller.CurrentProgramCommand();
            var folder = KernelSpecInstaller.Install(KernelsDirectory(parse, user, prefix), launch);
            Console.WriteLine($"Installed kernelspec {EngineInfo.KernelName} in {folder}");
            Console.WriteLine($"  starts: {string.Join(' ', launch)} kernel --connection-file {{connection_file}}");
            return 0;
        });
        return command;
    }

    private static Command Uninstall()
    {
        var (user, prefix) = TargetOptions();
        var command = new Command("uninstall", $"Remove the kernelspec '{EngineInfo.KernelName}'.\nExample: normative kernel uninstall --user");
        command.Options.Add(user);
        command.Options.Add(prefix);
        command.SetGuardedAction((parse, _) =>
        {
            var directory = KernelsDirectory(parse, user, prefix);
            Console.WriteLine(KernelSpecInstaller.Uninstall(directory)
                ? $"Removed kernelspec {EngineInfo.KernelName} from {directory}"
                : $"No kernelspec {EngineInfo.KernelName} in {directory}; nothing removed.");
            return 0;
        });
        return command;
    }
}
