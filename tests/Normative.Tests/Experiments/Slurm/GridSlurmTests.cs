using System.Diagnostics;
using System.Globalization;
using Normative.Cli;
using Normative.Cli.Infrastructure;
using Normative.Data;
using Normative.Experiments.Grid;
using Normative.Experiments.Slurm;
using Normative.TestSupport;
using Normative.Training;
using Xunit.Abstractions;

namespace Normative.Tests.Experiments.Slurm;

/// <summary>
/// Issue 18, <c>normative grid slurm</c>: a tiny grid (tiny cohort, 2 epochs, 4 tasks) submitted to a real Slurm with
/// <c>--submit</c> merges to exactly the tables and per-subject files of a local <c>reproduce</c> with the same options;
/// a rerun after a task went missing writes an array of that task only.
/// </summary>
public sealed class GridSlurmTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "normative-tests", "grid-slurm-" + Guid.NewGuid().ToString("N"));

    /// <summary>The grid of both tests: two methods x two latent sizes, one seed, 2 epochs: 4 models in 4 tasks.</summary>
    private static readonly string[] GridOptions = ["--models", "vae,mmvae-mopoe", "--latents", "2,3", "--seeds", "0", "--epochs", "2"];

    private string PathOf(string name) => Path.Combine(_folder, name);

    private static int Run(params string[] args) => NormativeCommand.Build().Parse(args).Invoke();

    private void Plan()
    {
        Assert.Equal(0, Run("cohort", "generate", "--out", PathOf("cohort"), "--sizes", "40,10,10,10,10", "--seed", "3", "--calibration-size", "0"));
        Assert.Equal(0, Run(["grid", "plan", "--cohort", PathOf("cohort"), .. GridOptions, "--tasks", "4", "--out", PathOf("run")]));
        Assert.Equal(4, GridRun.Open(PathOf("run")).Plan.Tasks.Count);
    }

    [Fact]
    public void ARerunWritesAnArrayOfTheTasksNotDoneOnlyRunningThisProgramByItsAbsolutePath()
    {
        Plan();
        foreach (var task in new[] { 1, 2, 4 }) Assert.Equal(0, Run("grid", "run", PathOf("run"), "--task", task.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal([3], GridStatus.Of(PathOf("run")).NotDone);
        // A model a task saved describes itself: the cohort it was trained on, its preprocessing, how it was trained.
        var run = GridRun.Open(PathOf("run"));
        using (var saved = ModelCheckpoint.Load(Path.Combine(run.ModelStore, run.Plan.Task(1).Members[0].Key)))
        {
            Assert.Equal(CohortContentHash.Of(CohortLoader.Load(PathOf("cohort"))), saved.Cohort!.ContentSha256);
            Assert.NotNull(saved.Preprocessing);
            Assert.Equal(2, saved.Training!.Epochs);
            Assert.Equal(40, saved.Training.TrainingSubjects);
        }

        Assert.Equal(0, Run("grid", "slurm", PathOf("run"), "--max-parallel", "3", "--time", "0:30:00"));
        var script = File.ReadAllLines(Path.Combine(PathOf("run"), SlurmScripts.Folder, SlurmScripts.ArrayFile));
        Assert.Contains("#SBATCH --array=3%3", script);
        Assert.Contains("#SBATCH --time=0:30:00", script);
        var program = SelfWorkerCommand.Resolve();
        Assert.True(Path.IsPathRooted(program.FileName) && File.Exists(program.FileName), program.FileName);
        Assert.Contains(script, line => line.StartsWith($"exec {SlurmScripts.Quote(program.FileName)}", StringComparison.Ordinal)
            && line.Contains($"grid run {SlurmScripts.Quote(Path.GetFullPath(PathOf("run")))} --task", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(PathOf("run"), SlurmScripts.Folder, SlurmScripts.MergeFile)));

        // With every task done, only the merge is left: no array script.
        Assert.Equal(0, Run("grid", "run", PathOf("run"), "--task", "3"));
        Assert.Equal(0, Run("grid", "slurm", PathOf("run")));
        Assert.False(File.Exists(Path.Combine(PathOf("run"), SlurmScripts.Folder, SlurmScripts.ArrayFile)));
    }

    [SkippableFact]
    public void AGridSubmittedToSlurmMergesToTheTablesAndSubjectFilesOfALocalReproduce()
    {
        ExternalTools.RequireSlurm();
        Plan();
        var clock = Stopwatch.StartNew();
        Assert.Equal(0, Run("grid", "slurm", PathOf("run"), "--max-parallel", "2", "--no-figures", "--results", PathOf("slurm-results"), "--submit"));
        var submission = Assert.Single(SlurmSubmission.Read(Path.Combine(PathOf("run"), SlurmScripts.Folder)));
        Assert.Equal([1, 2, 3, 4], submission.Tasks);
        Assert.NotNull(submission.ArrayJob);

        // Bounded wait for the merge job (it starts only after every array task succeeded).
        string state = WaitForJob(submission.MergeJob, TimeSpan.FromMinutes(20));
        var slurmTime = clock.Elapsed;
        Assert.True(state == "COMPLETED", $"merge job {submission.MergeJob} ended {state}.\n{Logs()}");
        Assert.True(GridStatus.Of(PathOf("run")).Complete);
        output.WriteLine($"Slurm: submit to merged in {slurmTime.TotalSeconds:0} s (array job {submission.ArrayJob}, merge job {submission.MergeJob}).");

        clock.Restart();
        Assert.Equal(0, Run(["reproduce", "--cohort", PathOf("cohort"), .. GridOptions, "--no-figures", "--out", PathOf("local")]));
        output.WriteLine($"Local reproduce of the same options: {clock.Elapsed.TotalSeconds:0} s.");

        // The same numbers in every table and per-subject file (only report.md and run.json carry wall times).
        foreach (var folder in new[] { "tables", "subjects" })
        {
            var local = Files(Path.Combine(PathOf("local"), folder));
            var slurm = Files(Path.Combine(PathOf("slurm-results"), folder));
            Assert.Equal(local.Keys.Order(), slurm.Keys.Order());
            Assert.NotEmpty(local);
            foreach (var (name, text) in local) Assert.True(text == slurm[name], $"{folder}/{name} differs between Slurm and local reproduce: {FirstDifference(text, slurm[name])}");
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        int line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], -1);
        return line < 0 ? $"{a.Length} lines locally, {b.Length} through Slurm" : $"line {line + 1}: local '{a[line]}', Slurm '{b[line]}'";
    }

    private static Dictionary<string, string> Files(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllText);

    /// <summary>Polls <c>scontrol show job</c> until the job ends (no accounting database needed); returns its final state.</summary>
    private static string WaitForJob(string job, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        string state = "UNKNOWN";
        while (clock.Elapsed < timeout)
        {
            var start = new ProcessStartInfo("scontrol") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "show", "job", job }) start.ArgumentList.Add(argument);
            using (var process = Process.Start(start)!)
            {
                string text = process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                var field = text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(f => f.StartsWith("JobState=", StringComparison.Ordinal));
                if (field is not null) state = field["JobState=".Length..];
            }
            if (state is "COMPLETED" or "FAILED" or "CANCELLED" or "TIMEOUT" or "NODE_FAIL" or "OUT_OF_MEMORY" or "BOOT_FAIL" or "DEADLINE") return state;
            Thread.Sleep(2000);
        }
        Assert.Fail($"Slurm job {job} did not finish within {timeout.TotalMinutes:0} minutes (last state {state}).");
        return state;
    }

    private string Logs() => string.Join("\n", Directory.GetFiles(Path.Combine(PathOf("run"), SlurmScripts.Folder), "*.out")
        .Select(f => $"== {Path.GetFileName(f)}\n{string.Join('\n', File.ReadLines(f).TakeLast(15))}"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
