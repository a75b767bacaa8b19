using System.Diagnostics;
using Normative.Plots;
using Xunit;

namespace Normative.TestSupport;

/// <summary>
/// The policy for tests that need a tool from outside .NET (Debian's Chromium, Jupyter clients, a running Slurm):
/// on a developer's machine a missing tool <em>skips</em> the test and says how to install it, so
/// <c>dotnet test Research.sln</c> passes on a fresh machine; under <c>CI=true</c> (CI runs
/// <c>environment/setup-debian.sh</c> first) a missing tool <em>fails</em> the test, so CI always
/// runs every test for real.
/// </summary>
/// <remarks>Linked into every test project from tests/Shared; the tests that call it are <c>[SkippableFact]</c>/<c>[SkippableTheory]</c>.</remarks>
public static class ExternalTools
{
    /// <summary>The one command that installs every external tool the tests use.</summary>
    public const string SetupCommand = "sudo bash environment/setup-debian.sh";

    /// <summary>The one command that starts the single-node Slurm the grid's cluster tests submit to (after <see cref="SetupCommand"/>).</summary>
    public const string SlurmStartCommand = "sudo bash environment/slurm-local.sh start";

    /// <summary>Whether the tests run under CI (the environment variable <c>CI</c> is <c>true</c>, as CI services set it).</summary>
    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI")?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns when <paramref name="available"/>; otherwise skips the test (locally) or fails it (under CI).</summary>
    /// <param name="tool">The tool's name, as the skip reason shows it ("chromium").</param>
    /// <param name="available">Whether it is installed.</param>
    /// <param name="detail">What was looked for, or another way to provide it.</param>
    /// <param name="howTo">The command that provides it (default <see cref="SetupCommand"/>).</param>
    public static void Require(string tool, bool available, string detail, string howTo = SetupCommand)
    {
        if (available) return;
        string reason = $"needs {tool} — run {howTo} ({detail})";
        if (UnderCi)
            Assert.Fail($"CI=true, and this test {reason}. CI must run every test for real.");
        throw new SkipException(reason);
    }

    /// <summary>Requires the Chromium that renders PNG figures (<see cref="PngRenderer.ResolveChromiumPath"/>).</summary>
    public static void RequireChromium()
    {
        string path = PngRenderer.ResolveChromiumPath();
        Require("chromium", File.Exists(path), $"looked for {path}; or set {PngRenderer.ChromiumPathVariable}");
    }

    /// <summary>Whether PNG figures can be rendered here; under CI=true Chromium is required (a missing one fails the test).</summary>
    public static bool ChromiumAvailableOrRequiredUnderCi()
    {
        if (UnderCi) RequireChromium();
        return File.Exists(PngRenderer.ResolveChromiumPath());
    }

    /// <summary>
    /// Requires a Slurm cluster that answers and has a node ready for jobs (<c>scontrol ping</c> says UP,
    /// <c>sinfo</c> shows a node idle, mixed or allocated). <c>environment/slurm-local.sh start</c> starts one on localhost.
    /// </summary>
    public static void RequireSlurm()
    {
        string how = $"{SlurmStartCommand}, after {SetupCommand} has installed slurm-wlm and munge";
        var ping = RunQuietly("scontrol", ["ping"]);
        Require("a running Slurm", ping is not null && ping.Contains("is UP", StringComparison.Ordinal),
            ping is null ? "scontrol not found or not answering" : $"scontrol ping: {ping.Trim()}", how);
        var nodes = RunQuietly("sinfo", ["-h", "-o", "%T"]) ?? "";
        bool ready = nodes.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(state => state is "idle" or "mixed" or "allocated" or "completing");
        Require("a Slurm node ready for jobs", ready, $"sinfo node states: '{nodes.Trim()}'", how);
    }

    /// <summary>Runs a tool for its standard output; null when it cannot be started, fails or hangs for 20 s.</summary>
    private static string? RunQuietly(string file, string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            return process.ExitCode == 0 ? output.Result : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
