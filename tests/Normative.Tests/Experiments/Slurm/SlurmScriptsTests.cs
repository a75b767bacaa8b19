using Normative.Experiments.Grid;
using Normative.Experiments.Slurm;
using Normative.Tests.TestData;

namespace Normative.Tests.Experiments.Slurm;

/// <summary>The sbatch scripts of <c>normative grid slurm</c>, from plain data (task numbers and options) to text.</summary>
public sealed class SlurmScriptsTests
{
    private static readonly WorkerCommand Program = new("/opt/normative/Normative.Cli", []);

    private static SlurmGridJob Job(IReadOnlyList<int> tasks, SlurmJobOptions? options = null) =>
        new("/scratch/runs/full", "/scratch/runs/full/results", tasks, 12, Program, options ?? new SlurmJobOptions());

    [Theory]
    [InlineData(new[] { 1, 2, 3, 4 }, null, "1-4")]
    [InlineData(new[] { 3, 7, 9 }, null, "3,7,9")]
    [InlineData(new[] { 9, 3, 10, 7, 11 }, 2, "3,7,9-11%2")]
    [InlineData(new[] { 5 }, 1, "5%1")]
    [InlineData(new[] { 1, 2, 4, 5, 6, 12 }, 4, "1-2,4-6,12%4")]
    public void TheArraySpecFoldsRunsIntoRangesAndAddsTheThrottle(int[] tasks, int? throttle, string expected) =>
        Assert.Equal(expected, SlurmArraySpec.Of(tasks, throttle));

    [Fact]
    public void TheArraySpecRefusesNoTasksRepeatsZeroAndAZeroThrottle()
    {
        Assert.Throws<ArgumentException>(() => SlurmArraySpec.Of([]));
        Assert.Throws<ArgumentException>(() => SlurmArraySpec.Of([2, 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SlurmArraySpec.Of([0, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SlurmArraySpec.Of([1], 0));
    }

    [Fact]
    public void TheArrayScriptRunsEachPlanTaskByItsArrayIndexWithTheGivenResources()
    {
        var script = SlurmScripts.Array(Job([3, 7, 9], new SlurmJobOptions { Partition = "cpu", Time = "4:00:00", Memory = "4G", MaxParallel = 2, CpusPerTask = 1 }));
        var lines = script.Split('\n');
        Assert.Equal("#!/bin/bash", lines[0]);
        Assert.Equal(
            ["#SBATCH --job-name=normative-grid", "#SBATCH --array=3,7,9%2", "#SBATCH --cpus-per-task=1", "#SBATCH --partition=cpu",
             "#SBATCH --time=4:00:00", "#SBATCH --mem=4G", "#SBATCH --output=/scratch/runs/full/slurm/task-%a.job-%A.out"],
            lines.Where(l => l.StartsWith("#SBATCH", StringComparison.Ordinal)));
        Assert.Equal("exec '/opt/normative/Normative.Cli' grid run '/scratch/runs/full' --task \"${SLURM_ARRAY_TASK_ID}\"", lines.Single(l => l.StartsWith("exec ", StringComparison.Ordinal)));
        Assert.Contains("set -euo pipefail", lines);
        Assert.EndsWith("\n", script, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsetResourcesAreLeftToTheClusterAndADotnetLaunchIsQuotedWord()
    {
        var job = Job([1, 2]) with { Executable = new WorkerCommand("/usr/bin/dotnet", ["/home/me/my tools/Normative.Cli.dll"]) };
        var script = SlurmScripts.Array(job);
        Assert.DoesNotContain("--partition", script);
        Assert.DoesNotContain("--time", script);
        Assert.DoesNotContain("--mem", script);
        Assert.Contains("#SBATCH --array=1-2\n", script);
        Assert.Contains("exec '/usr/bin/dotnet' '/home/me/my tools/Normative.Cli.dll' grid run '/scratch/runs/full' --task", script);
    }

    [Fact]
    public void TheMergeScriptMergesIntoTheResultsAndIsCancelledWhenTheArrayFails()
    {
        var script = SlurmScripts.Merge(Job([1]) with { Figures = false });
        Assert.Contains("#SBATCH --job-name=normative-grid-merge\n", script);
        Assert.Contains("#SBATCH --kill-on-invalid-dep=yes\n", script);
        Assert.Contains("#SBATCH --output=/scratch/runs/full/slurm/merge.job-%j.out\n", script);
        Assert.Contains("--dependency=afterok:<array job id>", script);
        Assert.DoesNotContain("#SBATCH --array", script);
        Assert.Contains("exec '/opt/normative/Normative.Cli' grid merge '/scratch/runs/full' --out '/scratch/runs/full/results' --no-figures\n", script);
    }

    [Fact]
    public void TheSubmissionLogAppendsAndMatchesItsSchema()
    {
        string folder = Path.Combine(Path.GetTempPath(), "normative-tests", "slurm-log-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var first = new SlurmSubmission("41", [1, 2, 3, 4], "42", new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero));
            var second = new SlurmSubmission(null, [], "57", new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero));
            SlurmSubmission.Append(folder, first);
            SlurmSubmission.Append(folder, second);
            var read = SlurmSubmission.Read(folder);
            Assert.Equal(2, read.Count);
            Assert.Equal(("41", "42"), (read[0].ArrayJob, read[0].MergeJob));
            Assert.Equal([1, 2, 3, 4], read[0].Tasks);
            Assert.Null(read[1].ArrayJob);
            var errors = JsonSchemaValidator.Validate([new(Path.Combine(folder, SlurmSubmission.FileName), Path.Combine(JsonSchemaValidator.SchemaFolder, "slurm-submissions.schema.json"))]);
            Assert.Empty(Assert.Single(errors));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void QuotingSurvivesASingleQuote() => Assert.Equal("'it'\\''s'", SlurmScripts.Quote("it's"));

    [Theory]
    [InlineData("--partition", "cpu; rm -rf /", null, null, null)]
    [InlineData("--time", null, "two hours", null, null)]
    [InlineData("--mem", null, null, "4 GB", null)]
    [InlineData("--max-parallel", null, null, null, 0)]
    public void BadSettingsAreRefusedNamingTheOption(string option, string? partition, string? time, string? memory, int? maxParallel)
    {
        var error = Assert.Throws<ArgumentException>(() => SlurmScripts.Array(Job([1], new SlurmJobOptions { Partition = partition, Time = time, Memory = memory, MaxParallel = maxParallel })));
        Assert.StartsWith(option, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RelativePathsATaskOutsideThePlanAndARunFolderWithSpacesAreRefused()
    {
        Assert.Contains("absolute", Assert.Throws<ArgumentException>(() => SlurmScripts.Array(Job([1]) with { RunFolder = "runs/full" })).Message);
        Assert.Contains("absolute", Assert.Throws<ArgumentException>(() => SlurmScripts.Array(Job([1]) with { Executable = new WorkerCommand("normative", []) })).Message);
        Assert.Contains("1..12", Assert.Throws<ArgumentException>(() => SlurmScripts.Array(Job([13]))).Message);
        Assert.Contains("white space", Assert.Throws<ArgumentException>(() => SlurmScripts.Array(Job([1]) with { RunFolder = "/scratch/my runs" })).Message);
    }
}
