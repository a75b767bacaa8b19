using System.CommandLine;
using System.Text.Json;
using Normative.Cli;
using Normative.Cli.Commands;
using Normative.Cli.Doctor;

namespace Normative.Tests.Cli;

/// <summary>
/// <c>normative doctor</c> (issue 14): a failing check is reported with its fix, required failures
/// give a non-zero exit and optional ones only warn, <c>--json</c> carries the same rows, and the
/// real checks pass on a machine that can run the main job.
/// </summary>
public sealed class DoctorCommandTests
{
    private static readonly DoctorCheck Passing = new("runtime", Required: true, () => DoctorFinding.Ok("fine"));

    /// <summary>Runs <c>doctor</c> with the given checks; returns exit code and what it printed.</summary>
    private static (int ExitCode, string Output) Doctor(IReadOnlyList<DoctorCheck> checks, params string[] args)
    {
        var root = new RootCommand { DoctorCommand.Create(_ => checks) };
        var output = new StringWriter();
        int exit = root.Parse(["doctor", .. args]).Invoke(new InvocationConfiguration { Output = output, Error = new StringWriter() });
        return (exit, output.ToString());
    }

    [Fact]
    public void AFailingRequiredCheckIsReportedWithItsFixAndExitsNonZero()
    {
        var broken = new DoctorCheck("TorchSharp native library", Required: true,
            () => DoctorFinding.Problem("libLibTorchSharp.so does not load", "rebuild with `dotnet build -c Release`"));

        var (exit, output) = Doctor([Passing, broken]);

        Assert.Equal(1, exit);
        var lines = output.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("runtime ", StringComparison.Ordinal) && l.Contains(" ok ", StringComparison.Ordinal));
        int row = Array.FindIndex(lines, l => l.StartsWith("TorchSharp native library", StringComparison.Ordinal));
        Assert.Contains("FAIL", lines[row], StringComparison.Ordinal);
        Assert.Contains("libLibTorchSharp.so does not load", lines[row], StringComparison.Ordinal);
        Assert.Contains("fix: rebuild with `dotnet build -c Release`", lines[row + 1], StringComparison.Ordinal);
        Assert.Contains("FAIL: TorchSharp native library", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingOptionalToolWarnsWithItsFixAndExitsZero()
    {
        var chromium = new DoctorCheck("Chromium (PNG figures)", Required: false, () => StandardChecks.Chromium("/nonexistent/chromium"));

        var (exit, output) = Doctor([Passing, chromium]);

        Assert.Equal(0, exit);
        var lines = output.Split('\n');
        int row = Array.FindIndex(lines, l => l.StartsWith("Chromium (PNG figures)", StringComparison.Ordinal));
        Assert.Contains(" warn ", lines[row], StringComparison.Ordinal);
        Assert.Contains("not found at /nonexistent/chromium", lines[row], StringComparison.Ordinal);
        Assert.Contains("fix: sudo bash environment/setup-debian.sh, or set NORMATIVE_CHROMIUM", lines[row + 1], StringComparison.Ordinal);
        Assert.Contains("ok: the main job can run; 1 optional item", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AdviceWarnsEvenOnARequiredCheckAndAThrowingCheckIsAProblemNotACrash()
    {
        var threads = new DoctorCheck("torch threads vs cores", Required: true, () => DoctorFinding.Advice("8 threads, 2 cores", "pass --threads 2"));
        var throwing = new DoctorCheck("output folder", Required: true, () => throw new IOException("disk on fire"));
        var after = new DoctorCheck("after", Required: false, () => DoctorFinding.Ok("still checked"));

        var report = DoctorReport.Run([threads, throwing, after]);

        Assert.Equal([DoctorStatus.Warn, DoctorStatus.Fail, DoctorStatus.Ok], report.Rows.Select(r => r.Status));
        Assert.Contains("IOException: disk on fire", report.Rows[1].Detail, StringComparison.Ordinal);
        Assert.NotNull(report.Rows[1].Fix);
        Assert.Null(report.Rows[2].Fix);
        Assert.Equal(1, report.ExitCode);
    }

    [Fact]
    public void JsonCarriesEveryRowWithStatusAndFix()
    {
        var missing = new DoctorCheck("Jupyter clients", Required: false, () => DoctorFinding.Problem("not found", "sudo bash environment/setup-debian.sh"));

        var (exit, output) = Doctor([Passing, missing], "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("healthy").GetBoolean());
        Assert.Equal(0, root.GetProperty("exit_code").GetInt32());
        var checks = root.GetProperty("checks").EnumerateArray().ToArray();
        Assert.Equal(["runtime", "Jupyter clients"], checks.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(["ok", "warn"], checks.Select(c => c.GetProperty("status").GetString()));
        Assert.Equal(JsonValueKind.Null, checks[0].GetProperty("fix").ValueKind);
        Assert.Equal("sudo bash environment/setup-debian.sh", checks[1].GetProperty("fix").GetString());
        Assert.False(checks[1].GetProperty("required").GetBoolean());
        Assert.True(checks[1].GetProperty("seconds").GetDouble() >= 0);
    }

    [Fact]
    public void TheOutputFolderCheckFindsTheNearestExistingFolderAndLeavesNothingBehind()
    {
        var folder = Directory.CreateTempSubdirectory("normative-doctor-");
        try
        {
            var finding = StandardChecks.OutputFolder(Path.Combine(folder.FullName, "not", "yet"));
            Assert.NotEqual(DoctorFindingKind.Problem, finding.Kind);
            Assert.Contains($"created on first run under {folder.FullName}", finding.Detail, StringComparison.Ordinal);
            Assert.Contains("writable", finding.Detail, StringComparison.Ordinal);
            Assert.Empty(folder.EnumerateFileSystemInfos());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The real checks on this machine: everything the main job needs is there (the test suite itself trains models).</summary>
    [Fact]
    public void TheRealChecksPassTheRequiredItemsHere()
    {
        var output = new StringWriter();
        var folder = Directory.CreateTempSubdirectory("normative-doctor-");
        try
        {
            int exit = NormativeCommand.Build().Parse(["doctor", "--json", "--out", folder.FullName])
                .Invoke(new InvocationConfiguration { Output = output, Error = new StringWriter() });
            using var json = JsonDocument.Parse(output.ToString());
            var checks = json.RootElement.GetProperty("checks").EnumerateArray()
                .ToDictionary(c => c.GetProperty("name").GetString()!, c => (Status: c.GetProperty("status").GetString()!, Detail: c.GetProperty("detail").GetString()!));
            Assert.True(exit == 0, output.ToString());
            Assert.Equal(8, checks.Count);
            Assert.Equal("ok", checks["TorchSharp native library"].Status);
            Assert.Matches(@"GLIBCXX fix (applied|not needed)", checks["TorchSharp native library"].Detail);
            Assert.Equal("ok", checks["training smoke test (1 step)"].Status);
            Assert.Matches(@"1 step in \d+\.\d\d s", checks["training smoke test (1 step)"].Detail);
            Assert.All(checks.Values, c => Assert.Contains(c.Status, new[] { "ok", "warn" }));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
