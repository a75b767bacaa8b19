using System.Diagnostics;

namespace Normative.Tests.Cli;

/// <summary>
/// Issue 14: a verb that needs an optional tool checks for it before its long work, never after.
/// Run as a child process so that <c>NORMATIVE_CHROMIUM</c> can point at nothing without touching this process.
/// </summary>
public sealed class ToolPreflightTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("normative-preflight-");

    private (int ExitCode, string Output, string Error, TimeSpan Elapsed) Normative(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder.FullName };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Normative.Cli.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["NORMATIVE_CHROMIUM"] = "/nonexistent/chromium";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"normative {string.Join(' ', args)} did not stop within 2 minutes: the check did not come first.");
        }
        return (process.ExitCode, output.Result, error.Result, clock.Elapsed);
    }

    [Fact]
    public void ReproduceNotebooksStopsBeforeRunningAnythingWhenChromiumIsMissing()
    {
        // A notebooks/ folder with a notebook: without the pre-flight check the verb would start running it.
        Directory.CreateDirectory(Path.Combine(_folder.FullName, "notebooks"));
        File.WriteAllText(Path.Combine(_folder.FullName, "notebooks", "a.ipynb"), "{}");

        var run = Normative("reproduce", "--notebooks", "--quick");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("reproduce --notebooks writes static (PNG) figures, which needs Chromium", run.Error, StringComparison.Ordinal);
        Assert.Contains("Chromium was not found at '/nonexistent/chromium'", run.Error, StringComparison.Ordinal);
        Assert.Contains("environment/setup-debian.sh", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Running a.ipynb", run.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder.FullName, "notebooks", "executed")));
    }

    [Fact]
    public void NotebookRunStaticStopsBeforeTheFirstCellWhenChromiumIsMissing()
    {
        string notebook = Path.Combine(_folder.FullName, "n.ipynb");
        File.WriteAllText(notebook, "{}");

        var run = Normative("notebook", "run", notebook, "--static");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--static keeps figures as PNG only, which needs Chromium", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_folder.FullName, "executed")));
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
