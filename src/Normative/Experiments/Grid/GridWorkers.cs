using System.Diagnostics;

namespace Normative.Experiments.Grid;

/// <summary>
/// Runs the tasks of a grid run on this machine (the middle step of <c>reproduce</c>): in this process one after
/// another, or as up to N worker processes at once, each <c>normative grid run RUN --task I</c> with its output in
/// <c>tasks/I/log.txt</c>. Either way a task is the same call (<see cref="GridTaskRunner"/>), so the models, and the
/// merged results, do not depend on the number of workers.
/// </summary>
/// <remarks>
/// Processes, not threads: with TorchSharp 0.107 parallel training threads in one process crash sporadically with a
/// native error (<see cref="GridParallelism"/>). Each worker trains on the plan's torch threads. A worker whose parent
/// dies (even by kill -9) sees its stdin close and exits, so an interrupted <c>reproduce</c> leaves no orphans behind.
/// </remarks>
public static class GridWorkers
{
    /// <summary>The hidden option of <c>grid run</c> that makes it exit when its stdin (a pipe from the parent) closes.</summary>
    public const string ExitWithParentOption = "--exit-with-parent";

    /// <summary>Runs every task of <paramref name="run"/> that is not done.</summary>
    /// <param name="workers">Tasks at once. Range: &gt;= 1; 1 runs them in this process.</param>
    /// <param name="command">How to start a worker; required when <paramref name="workers"/> &gt; 1.</param>
    /// <param name="progress">In this process told after every epoch; with workers after every task (epochs of finished tasks).</param>
    public static void Run(GridRun run, int workers, WorkerCommand? command, IProgress<GridProgress>? progress = null, Action<string>? log = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        log ??= _ => { };
        var pending = GridStatus.Of(run).NotDone;
        if (pending.Count == 0)
        {
            log($"All {run.Plan.Tasks.Count} tasks of {run.Folder} are done.");
            return;
        }
        if (pending.Count < run.Plan.Tasks.Count) log($"Resuming: {run.Plan.Tasks.Count - pending.Count} of {run.Plan.Tasks.Count} tasks are done.");
        if (workers == 1 || pending.Count == 1)
        {
            using var data = run.LoadData();
            foreach (int task in pending)
                GridTaskRunner.Run(run, task, data, progress, log, cancellationToken);
            return;
        }
        if (command is null) throw new ArgumentNullException(nameof(command), "Worker processes need the command that starts the normative program.");
        RunProcesses(run, pending, workers, command, progress, log, cancellationToken);
    }

    private static void RunProcesses(GridRun run, IReadOnlyList<int> pending, int workers, WorkerCommand command, IProgress<GridProgress>? progress,
        Action<string> log, CancellationToken token)
    {
        var queue = new Queue<int>(pending);
        var running = new Dictionary<int, Process>();
        var failures = new List<string>();
        int finished = 0, totalRuns = run.Plan.Members.Count;
        long epochsDone = 0;
        int modelsDone = run.Plan.Members.Count - pending.Sum(t => run.Plan.Task(t).Members.Count); // resumed: done before
        int epochs = run.Plan.Options.ToGridOptions().TrainingFor(0).Epochs;
        try
        {
            while (queue.Count > 0 || running.Count > 0)
            {
                while (failures.Count == 0 && running.Count < workers && queue.Count > 0)
                {
                    token.ThrowIfCancellationRequested();
                    int task = queue.Dequeue();
                    running[task] = Start(run, task, command);
                    log($"Task {task} started in worker process {running[task].Id}.");
                }
                if (running.Count == 0) break;
                // Polling: a process's exit cannot be waited on together with other processes and the token on Unix.
                token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(200));
                token.ThrowIfCancellationRequested();
                foreach (var (task, process) in running.Where(r => r.Value.HasExited).ToArray())
                {
                    process.WaitForExit(); // flush the redirected output
                    running.Remove(task);
                    if (process.ExitCode == 0)
                    {
                        finished++;
                        modelsDone += run.Plan.Task(task).Members.Count;
                        epochsDone = (long)modelsDone * epochs;
                        log($"Task {task} done ({finished} of {pending.Count}).");
                        progress?.Report(new GridProgress(modelsDone, totalRuns, $"models; task {task} done", epochs, epochs, double.NaN, epochsDone));
                    }
                    else
                    {
                        failures.Add($"task {task} exited with code {process.ExitCode} (log: {run.Log(task)}{LastLine(run.Log(task))})");
                    }
                    process.Dispose();
                }
            }
        }
        finally
        {
            foreach (var process in running.Values)
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                process.Dispose();
            }
        }
        if (failures.Count > 0)
            throw new InvalidOperationException($"Grid workers failed: {string.Join("; ", failures)}. The other tasks are kept; rerun to retry.");
    }

    private static Process Start(GridRun run, int task, WorkerCommand command)
    {
        Directory.CreateDirectory(run.TaskFolder(task));
        var info = new ProcessStartInfo(command.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in command.LeadingArguments.Concat(["grid", "run", run.Folder, "--task", task.ToString(System.Globalization.CultureInfo.InvariantCulture), ExitWithParentOption]))
            info.ArgumentList.Add(argument);
        var logFile = new StreamWriter(run.Log(task), append: true) { AutoFlush = true };
        var gate = new Lock();
        var process = new Process { StartInfo = info };
        void Write(string? line)
        {
            if (line is null) return;
            lock (gate) logFile.WriteLine(line);
        }
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.Disposed += (_, _) => { lock (gate) logFile.Dispose(); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string LastLine(string path)
    {
        try
        {
            string? last = File.ReadLines(path).LastOrDefault(l => l.Trim().Length > 0);
            return last is null ? "" : $"; last line: {last.Trim()}";
        }
        catch (IOException)
        {
            return "";
        }
    }

}
