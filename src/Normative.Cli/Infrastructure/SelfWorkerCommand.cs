using Normative.Experiments.Grid;

namespace Normative.Cli.Infrastructure;

/// <summary>How this program starts itself as a grid worker process (<see cref="GridWorkers"/>).</summary>
internal static class SelfWorkerCommand
{
    /// <summary>
    /// The native launcher beside Normative.Cli.dll when there is one (a normal build, and a test project's output folder),
    /// else <c>dotnet Normative.Cli.dll</c> through the host running this process.
    /// </summary>
    public static WorkerCommand Resolve()
    {
        string assembly = typeof(SelfWorkerCommand).Assembly.Location;
        string launcher = Path.ChangeExtension(assembly, OperatingSystem.IsWindows() ? ".exe" : null);
        if (File.Exists(launcher)) return new WorkerCommand(launcher, []);
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path
            : Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet";
        return new WorkerCommand(host, [assembly]);
    }
}
