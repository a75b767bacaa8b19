using System.Diagnostics;
using System.Text.Json;
using Normative.Experiments;
using Normative.Experiments.Grid;
using Normative.Tests.TestData;

namespace Normative.Tests.Experiments.Grid;

/// <summary>
/// Issue 18's invariant and resumption, end to end through the command line on a tiny grid: plan + every task in shuffled
/// order + merge gives reproduce's results; a reproduce killed with SIGKILL after its first task resumes to the same
/// results; status reports missing and failed tasks; merge refuses an incomplete or inconsistent run, naming the task.
/// </summary>
public sealed class GridRunTests(GridRunFixture fixture) : IClassFixture<GridRunFixture>
{
    private static string SchemaPath => Path.Combine(JsonSchemaValidator.SchemaFolder, "grid.schema.json");

    [Fact]
    public void PlanThenTasksInShuffledOrderThenMergeGiveWhatReproduceGives()
    {
        Assert.Equal(0, fixture.ReferenceExitCode);
        string run = fixture.NewFolder("run");
        Assert.Equal(0, GridRunFixture.Run(["grid", "plan", .. fixture.Options, "--out", run, "--tasks", "3"]));
        var plan = GridRun.Open(run).Plan;
        // Two stacks of mmSIVAE seeds and four single JNF models (JNF does not stack), bundled by cost into the three tasks asked for.
        Assert.Equal(3, plan.Tasks.Count);
        Assert.Equal(8, plan.Members.Count);
        Assert.Equal([true, true, false, false, false, false], plan.Tasks.SelectMany(t => t.Items).OrderBy(i => i.Members[0].Cell).Select(i => i.Stacked));
        Assert.Equal(Enumerable.Range(1, 8), plan.Members.Select(m => m.Cell));
        Assert.Equal([1, 2, 3], GridStatus.Of(run).Missing);

        // Out of order (a fixed permutation, so that a failure reproduces), the small task first.
        foreach (int task in new[] { 3, 1, 2 })
            Assert.Equal(0, GridRunFixture.Run("grid", "run", run, "--task", GridRunFixture.Text(task)));
        var status = GridStatus.Of(run);
        Assert.True(status.Complete);
        Assert.Equal([1, 2, 3], status.Done);
        // A task already done is left alone: its marker is not rewritten.
        string marker = File.ReadAllText(Path.Combine(run, "tasks", "2", GridRun.DoneFile));
        Assert.Equal(0, GridRunFixture.Run("grid", "run", run, "--task", "2"));
        Assert.Equal(marker, File.ReadAllText(Path.Combine(run, "tasks", "2", GridRun.DoneFile)));

        string merged = fixture.NewFolder("merged");
        Assert.Equal(0, GridRunFixture.Run("grid", "merge", run, "--out", merged, "--no-figures"));
        GridRunFixture.AssertSameResults(fixture.Reference, merged);
        Assert.True(File.Exists(Path.Combine(merged, "report.md")));

        // The plan, a task marker and the status validate against data-schemas/grid.schema.json.
        string statusFile = Path.Combine(fixture.Root, $"status-{Guid.NewGuid():N}.json");
        File.WriteAllText(statusFile, JsonSerializer.Serialize(status, ResultFiles.Json));
        var checks = new JsonSchemaValidator.Check[]
        {
            new(Path.Combine(run, GridPlan.FileName), SchemaPath, "plan"),
            new(Path.Combine(run, "tasks", "1", GridRun.DoneFile), SchemaPath, "task_done"),
            new(statusFile, SchemaPath, "status"),
            new(Path.Combine(run, GridPlan.FileName), SchemaPath),
        };
        var errors = JsonSchemaValidator.Validate(checks);
        Assert.True(errors.All(e => e.Length == 0), string.Join("\n", errors.SelectMany(e => e)));
    }

    [Fact]
    public void AReproduceKilledAfterItsFirstTaskResumesToTheSameResults()
    {
        Assert.Equal(0, fixture.ReferenceExitCode);
        string output = fixture.NewFolder("killed");
        string grid = Path.Combine(output, Reproduction.GridFolder);
        var info = new ProcessStartInfo(GridRunFixture.Launcher) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        // One worker, in process, on one torch thread (the reference's thread count, so the same model keys).
        string[] arguments = ["reproduce", .. fixture.Options, "--out", output, "--no-figures", "--workers", "1", "--threads", "1"];
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        int[] doneAtKill;
        using (var process = Process.Start(info)!)
        {
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var clock = Stopwatch.StartNew();
            while (!Directory.Exists(Path.Combine(grid, "tasks")) || !Directory.EnumerateFiles(Path.Combine(grid, "tasks"), GridRun.DoneFile, SearchOption.AllDirectories).Any())
            {
                Assert.False(process.HasExited, $"reproduce exited (code {(process.HasExited ? process.ExitCode : 0)}) before finishing a task.");
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(5), "No task finished within 5 minutes.");
                Thread.Sleep(10);
            }
            process.Kill(entireProcessTree: true); // SIGKILL: no cleanup of any kind
            process.WaitForExit();
            doneAtKill = GridStatus.Of(grid).Done.ToArray();
        }
        Assert.NotEmpty(doneAtKill);
        Assert.True(doneAtKill.Length < 3, "Every task had finished before the kill; the test would not test resumption.");
        Assert.False(File.Exists(Path.Combine(output, "run.json")));
        var markers = doneAtKill.ToDictionary(t => t, t => File.ReadAllText(Path.Combine(grid, "tasks", GridRunFixture.Text(t), GridRun.DoneFile)));

        Assert.Equal(0, GridRunFixture.Run(["reproduce", .. fixture.Options, "--out", output, "--no-figures", "--workers", "1", "--threads", "1"]));
        // The tasks done before the kill were not run again, and the results are the uninterrupted run's.
        foreach (var (task, text) in markers)
            Assert.Equal(text, File.ReadAllText(Path.Combine(grid, "tasks", GridRunFixture.Text(task), GridRun.DoneFile)));
        Assert.True(GridStatus.Of(grid).Complete);
        GridRunFixture.AssertSameResults(fixture.Reference, output);
    }

    [Fact]
    public void CrossFitFoldModelsAreTrainedByTheTasksAndMergeUsesThemAsIfItHadTrainedThem()
    {
        string run = fixture.NewFolder("cross-fit");
        Assert.Equal(0, GridRunFixture.Run("grid", "plan", "--quick", "--cohort", fixture.CohortFolder, "--models", "mmsivae-mopoe", "--latents", "3",
            "--seeds", "0,1", "--epochs", "4", "--cross-fit", "2", "--out", run, "--tasks", "1", "--threads", "1"));
        Assert.Equal(0, GridRunFixture.Run("grid", "run", run, "--task", "1"));

        // The task saved both members and each member's two fold models; status needs all six.
        var grid = GridRun.Open(run);
        var store = new TrainedModelCache(grid.ModelStore);
        var members = grid.Plan.Members.Select(m => m.Key).ToArray();
        string[] folds = [.. members.SelectMany(m => new[] { TrainedModelCache.FoldName(m, 0, 2), TrainedModelCache.FoldName(m, 1, 2) })];
        Assert.All(members.Concat(folds), name => Assert.True(store.Contains(name), $"{name} is not in the store."));
        Assert.True(GridStatus.Of(grid).Complete);

        // Merge loads the fold models: the pooled out-of-sample distances are those of folds trained where they are used.
        using (var merged = GridMerge.Run(grid, fixture.NewFolder("cross-fit-results")))
        {
            var options = grid.Plan.Options.ToGridOptions();
            foreach (var evaluation in merged.Grid.Runs)
            {
                using var alone = ModelEvaluator.Run(merged.Data, evaluation.Method, evaluation.LatentDim, evaluation.Seed, options);
                var (fromTasks, fromMerge) = (Assert.IsType<CrossFitResult>(evaluation.CrossFit), Assert.IsType<CrossFitResult>(alone.CrossFit));
                Assert.Equal(fromMerge.Fold, fromTasks.Fold);
                foreach (var (pattern, distances) in fromMerge.FeatureDistances)
                {
                    Assert.Equal(distances, fromTasks.FeatureDistances[pattern]);
                    Assert.Equal(fromMerge.LatentDistances[pattern], fromTasks.LatentDistances[pattern]);
                }
            }
        }

        // Merge reads the store rather than training folds itself: with member 0's fold 2 replaced by its fold 1, the
        // controls of fold 2 get other distances.
        string swapped = Path.Combine(grid.ModelStore, folds[1]);
        string saved = fixture.NewFolder("fold-backup");
        Directory.Move(swapped, saved);
        CopyFolder(Path.Combine(grid.ModelStore, folds[0]), swapped);
        using (var tampered = GridMerge.Run(grid, fixture.NewFolder("cross-fit-tampered")))
        using (var alone = ModelEvaluator.Run(tampered.Data, tampered.Grid.Runs[0].Method, 3, tampered.Grid.Runs[0].Seed, grid.Plan.Options.ToGridOptions()))
        {
            var fit = Assert.IsType<CrossFitResult>(tampered.Grid.Runs[0].CrossFit);
            Assert.NotEqual(alone.CrossFit!.OutOfSample.FeatureSquaredDistance, fit.OutOfSample.FeatureSquaredDistance);
        }
        Directory.Delete(swapped, recursive: true);
        Directory.Move(saved, swapped);

        // A fold model lost from the store makes the task not done, naming it; running the task again trains only that one.
        string lost = Path.Combine(grid.ModelStore, folds[3]);
        var before = Directory.GetLastWriteTimeUtc(Path.Combine(grid.ModelStore, folds[0]));
        Directory.Delete(lost, recursive: true);
        var status = GridStatus.Task(grid, 1);
        Assert.Equal(GridTaskState.Missing, status.State);
        Assert.Contains(folds[3], status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, GridRunFixture.Run("grid", "run", run, "--task", "1"));
        Assert.True(store.Contains(folds[3]));
        Assert.Equal(before, Directory.GetLastWriteTimeUtc(Path.Combine(grid.ModelStore, folds[0])));
    }

    [Fact]
    public void StatusListsMissingAndFailedTasksAndAFailedTaskExitsNonZero()
    {
        // A cohort of the run's own (a copy), so that changing it breaks only this run.
        string cohort = fixture.NewFolder("cohort");
        CopyFolder(fixture.CohortFolder, cohort);
        string run = fixture.NewFolder("status");
        string[] options = [.. fixture.Options];
        options[Array.IndexOf(options, "--cohort") + 1] = cohort;
        Assert.Equal(0, GridRunFixture.Run(["grid", "plan", .. options, "--out", run, "--tasks", "3"]));
        var status = GridStatus.Of(run);
        Assert.Equal([1, 2, 3], status.Missing);
        Assert.Empty(status.Done);
        Assert.Empty(status.Failed);

        // A task a live process works on is running, not missing, and is not offered for resubmission; once that process
        // is gone (killed outright, so its marker stays), the task is missing again and the detail says it was interrupted.
        var grid = GridRun.Open(run);
        void MarkRunning(int pid, DateTimeOffset started)
        {
            Directory.CreateDirectory(grid.TaskFolder(2));
            File.WriteAllText(grid.RunningMarker(2), JsonSerializer.Serialize(new GridTaskRunning(2, System.Environment.MachineName, pid, started, "test"), ResultFiles.Json));
        }
        using (var self = Process.GetCurrentProcess()) MarkRunning(self.Id, self.StartTime.ToUniversalTime());
        Assert.Empty(JsonSchemaValidator.Validate([new(grid.RunningMarker(2), SchemaPath, "task_running")])[0]);
        status = GridStatus.Of(run);
        var running = Assert.Single(status.Running);
        Assert.Equal((2, GridTaskState.Running), (running.Task, running.State));
        Assert.Contains($"pid {System.Environment.ProcessId} on {System.Environment.MachineName}", running.Detail, StringComparison.Ordinal);
        Assert.Equal([1, 3], status.NotDone);
        Assert.Contains("task 2: running", status.ToText(), StringComparison.Ordinal);
        using (var exited = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!)
        {
            exited.WaitForExit();
            MarkRunning(exited.Id, DateTimeOffset.UtcNow.AddMinutes(-1));
        }
        var interrupted = GridStatus.Task(grid, 2);
        Assert.Equal(GridTaskState.Missing, interrupted.State);
        Assert.StartsWith("interrupted: its process", interrupted.Detail, StringComparison.Ordinal);
        File.Delete(grid.RunningMarker(2));

        // Task 3 cannot run on a cohort that changed since planning: exit code 1, tasks/3/failed.json, status "failed".
        string subjects = Path.Combine(cohort, "subjects.csv");
        string original = File.ReadAllText(subjects);
        File.AppendAllText(subjects, "\n");
        Assert.Equal(1, GridRunFixture.Run("grid", "run", run, "--task", "3"));
        status = GridStatus.Of(run);
        Assert.Equal([1, 2], status.Missing);
        var failed = Assert.Single(status.Failed);
        Assert.Equal(3, failed.Task);
        Assert.Equal(GridTaskState.Failed, failed.State);
        Assert.Contains("changed since the plan", failed.Detail, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], status.NotDone);
        var errors = JsonSchemaValidator.Validate([new(Path.Combine(run, "tasks", "3", GridRun.FailedFile), SchemaPath, "task_failed")]);
        Assert.Empty(errors[0]);

        // Mended, the task runs and its failure marker goes; a task number outside the plan is an error, not a no-op.
        File.WriteAllText(subjects, original);
        Assert.Equal(0, GridRunFixture.Run("grid", "run", run, "--task", "3"));
        status = GridStatus.Of(run);
        Assert.Equal([3], status.Done);
        Assert.Equal([1, 2], status.Missing);
        Assert.Empty(status.Failed);
        Assert.False(File.Exists(Path.Combine(run, "tasks", "3", GridRun.FailedFile)));
        Assert.NotEqual(0, GridRunFixture.Run("grid", "run", run, "--task", "4"));

        // Planning other options into the folder starts the task markers afresh; the store keeps task 3's four JNF
        // models, which the new plan's tasks find by key instead of training them again.
        Assert.Equal(0, GridRunFixture.Run(["grid", "plan", .. options, "--out", run, "--tasks", "2"]));
        var replanned = GridRun.Open(run);
        status = GridStatus.Of(replanned);
        Assert.Equal([1, 2], status.Missing);
        Assert.Empty(status.Done);
        var store = new TrainedModelCache(replanned.ModelStore);
        Assert.Equal(4, replanned.Plan.Members.Count(m => store.Contains(m.Key)));
    }

    [Fact]
    public void MergeRefusesAnIncompleteOrInconsistentRunNamingTheTask()
    {
        Assert.Equal(0, fixture.ReferenceExitCode);
        // The reference's own grid run is complete; copies of it are broken one way each.
        string complete = Path.Combine(fixture.Reference, Reproduction.GridFolder);
        Assert.True(GridStatus.Of(complete).Complete);

        string missing = Copy(complete, "missing");
        File.Delete(Path.Combine(missing, "tasks", "2", GridRun.DoneFile));
        var error = Assert.Throws<InvalidOperationException>(() => GridMerge.RequireComplete(GridRun.Open(missing)));
        Assert.Contains("task 2 is missing", error.Message, StringComparison.Ordinal);
        Assert.NotEqual(0, GridRunFixture.Run("grid", "merge", missing, "--out", fixture.NewFolder("refused"), "--no-figures"));

        // A marker naming other models than the plan's task (e.g. written for an earlier plan) does not count.
        string other = Copy(complete, "other");
        string marker = Path.Combine(other, "tasks", "1", GridRun.DoneFile);
        var done = JsonSerializer.Deserialize<GridTaskDone>(File.ReadAllText(marker), ResultFiles.Json)!;
        File.WriteAllText(marker, JsonSerializer.Serialize(done with { Members = done.Members.Reverse().ToArray() }, ResultFiles.Json));
        error = Assert.Throws<InvalidOperationException>(() => GridMerge.RequireComplete(GridRun.Open(other)));
        Assert.Contains("task 1 is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("other models than the plan's task 1", error.Message, StringComparison.Ordinal);

        // A model gone from the store.
        string lost = Copy(complete, "lost");
        var plan = GridRun.Open(lost).Plan;
        string key = plan.Task(3).Members[0].Key;
        Directory.Delete(Path.Combine(lost, "models", key), recursive: true);
        error = Assert.Throws<InvalidOperationException>(() => GridMerge.RequireComplete(GridRun.Open(lost)));
        Assert.Contains("task 3 is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);

        // A plan whose models were keyed by another build: merge recomputes the keys and names the model.
        string foreign = Copy(complete, "foreign");
        string planFile = Path.Combine(foreign, GridPlan.FileName);
        var foreignPlan = GridPlan.Load(planFile);
        var renamed = foreignPlan with
        {
            Tasks = foreignPlan.Tasks.Select(t => t with { Items = t.Items.Select(i => i with { Members = i.Members.Select(m => m with { Key = m.Key[..^16] + "0123456789abcdef" }).ToArray() }).ToArray() }).ToArray(),
        };
        File.WriteAllText(planFile, renamed.ToJson());
        foreach (var t in renamed.Tasks)
        {
            string taskMarker = Path.Combine(foreign, "tasks", GridRunFixture.Text(t.Task), GridRun.DoneFile);
            var record = JsonSerializer.Deserialize<GridTaskDone>(File.ReadAllText(taskMarker), ResultFiles.Json)!;
            File.WriteAllText(taskMarker, JsonSerializer.Serialize(record with { Members = t.Members.Select(m => m.Key).ToArray() }, ResultFiles.Json));
            foreach (var (old, renamedMember) in foreignPlan.Task(t.Task).Members.Zip(t.Members))
                Directory.Move(Path.Combine(foreign, "models", old.Key), Path.Combine(foreign, "models", renamedMember.Key));
        }
        Assert.True(GridStatus.Of(foreign).Complete);
        var mismatch = Assert.Throws<InvalidOperationException>(() => GridMerge.Run(GridRun.Open(foreign), fixture.NewFolder("foreign-results")).Dispose());
        Assert.Contains("the plan was made by another package version or on other data", mismatch.Message, StringComparison.Ordinal);
    }

    private string Copy(string run, string name)
    {
        string target = fixture.NewFolder(name);
        CopyFolder(run, target);
        // The copy's plan names the cohort by absolute path and its models relative to itself: self-contained.
        return target;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
