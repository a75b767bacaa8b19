using System.CommandLine;
using Normative.Cli.Doctor;
using Normative.Cli.Infrastructure;

namespace Normative.Cli.Commands;

/// <summary>
/// <c>normative doctor</c>: one table of everything the package needs or can use on this machine,
/// each row with its status and, when it fails, the fix. Exit 0 when the main job can run.
/// </summary>
internal static class DoctorCommand
{
    /// <summary>Creates the verb.</summary>
    /// <param name="checksFor">The checks for an output folder; default <see cref="StandardChecks.All"/>. Tests pass their own.</param>
    public static Command Create(Func<string, IReadOnlyList<DoctorCheck>>? checksFor = null)
    {
        checksFor ??= StandardChecks.All;
        var output = new Option<string>("--out") { Description = "The results folder to check for write access and free space.", DefaultValueFactory = _ => "results" };
        var json = new Option<bool>("--json") { Description = "Print the checks as JSON (for scripts) instead of a table." };
        var command = new Command("doctor",
            "Check this machine: .NET, TorchSharp's native library (and the libstdc++ fix), torch threads, a 1-step training test, " +
            "Chromium (PNG figures), the Jupyter clients and kernelspec, and the output folder. Each row shows what was found and, when not ok, the fix.\n" +
            "Exit 0 when everything the main job (reproduce --quick) needs is there (optional items only warn), 1 otherwise.\n" +
            "Example: normative doctor\n" +
            "         normative doctor --json --out /scratch/results");
        command.Options.Add(output);
        command.Options.Add(json);
        command.SetGuardedAction((parse, _) =>
        {
            var writer = parse.InvocationConfiguration.Output;
            bool asJson = parse.GetValue(json);
            if (!asJson)
                writer.WriteLine(VersionInfo.Current.ToString().Split('\n')[0] + $" (commit {VersionInfo.Current.Commit ?? "unknown"})");
            var report = DoctorReport.Run(checksFor(parse.GetValue(output)!));
            if (asJson) report.WriteJson(writer);
            else
            {
                writer.WriteLine();
                report.WriteTable(writer);
            }
            return report.ExitCode;
        });
        return command;
    }
}
