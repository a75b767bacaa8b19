using System.Text.Json;

namespace Normative.Experiments.Grid;

/// <summary>Where one task of a grid run stands.</summary>
public enum GridTaskState
{
    /// <summary>Complete: its marker names exactly the plan's models and every one is in the store.</summary>
    Done,

    /// <summary>Not run, interrupted, or done for another plan.</summary>
    Missing,

    /// <summary>Its last attempt failed (tasks/I/failed.json) and it is not done.</summary>
    Failed,

    /// <summary>A process is working on it (tasks/I/running.json), as far as can be told from here.</summary>
    Running,
}

/// <summary>One task's state, with why when it is not done.</summary>
/// <param name="Detail">The failure's message, where and since when it runs, or why a marker does not count; null when done or never started.</param>
public sealed record GridTaskStatus(int Task, GridTaskState State, string? Detail);

/// <summary>
/// The state of every task of a grid run (<c>normative grid status</c>; definition <c>status</c> of
/// data-schemas/grid.schema.json): what is done, running, missing and failed — e.g. to resubmit only the tasks neither done
/// nor running.
/// </summary>
public sealed record GridStatus(string Run, int TaskCount, IReadOnlyList<int> Done, IReadOnlyList<int> Missing, IReadOnlyList<GridTaskStatus> Failed,
    IReadOnlyList<GridTaskStatus> Running)
{
    /// <summary>Whether every task is done (the run can be merged).</summary>
    public bool Complete => Done.Count == TaskCount;

    /// <summary>The tasks still to run (missing or failed; not those running), ascending.</summary>
    public IReadOnlyList<int> NotDone => Missing.Concat(Failed.Select(f => f.Task)).Order().ToArray();

    /// <summary>Reads the state of every task of <paramref name="run"/>.</summary>
    public static GridStatus Of(GridRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var states = run.Plan.Tasks.Select(t => Task(run, t.Task)).ToArray();
        return new GridStatus(run.Folder, states.Length,
            states.Where(s => s.State == GridTaskState.Done).Select(s => s.Task).ToArray(),
            states.Where(s => s.State == GridTaskState.Missing).Select(s => s.Task).ToArray(),
            states.Where(s => s.State == GridTaskState.Failed).ToArray(),
            states.Where(s => s.State == GridTaskState.Running).ToArray());
    }

    /// <summary>Reads the state of the run in <paramref name="runFolder"/>.</summary>
    public static GridStatus Of(string runFolder) => Of(GridRun.Open(runFolder));

    /// <summary>The state of task <paramref name="task"/> of <paramref name="run"/>.</summary>
    public static GridTaskStatus Task(GridRun run, int task)
    {
        ArgumentNullException.ThrowIfNull(run);
        string? notDone = WhyNotDone(run, task);
        if (notDone is null) return new GridTaskStatus(task, GridTaskState.Done, null);
        string? gone = null;
        if (ReadMarker<GridTaskRunning>(run.RunningMarker(task)) is { } running)
        {
            string where = $"pid {running.ProcessId} on {running.Host}, started {running.StartedUtc:yyyy-MM-dd HH:mm:ss} UTC";
            if (!IsGone(running)) return new GridTaskStatus(task, GridTaskState.Running, $"running: {where}");
            gone = $"interrupted: its process ({where}) is gone";
        }
        if (File.Exists(run.FailedMarker(task)))
        {
            string error;
            try
            {
                error = JsonSerializer.Deserialize<GridTaskFailed>(File.ReadAllText(run.FailedMarker(task)), ResultFiles.Json)?.Error ?? "(no message)";
            }
            catch (JsonException)
            {
                error = $"(unreadable {run.FailedMarker(task)})";
            }
            return new GridTaskStatus(task, GridTaskState.Failed, error);
        }
        return new GridTaskStatus(task, GridTaskState.Missing, gone ?? (notDone.Length == 0 ? null : notDone));
    }

    /// <summary>
    /// Whether the process of a running marker is known to be gone: only on the host that wrote it (a marker from another node
    /// counts as running; a node killed outright leaves one behind until its task is run again).
    /// </summary>
    private static bool IsGone(GridTaskRunning running)
    {
        if (!string.Equals(running.Host, Environment.MachineName, StringComparison.Ordinal)) return false;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(running.ProcessId);
            // A reused process id belongs to a process started after the marker.
            return process.HasExited || process.StartTime.ToUniversalTime() > running.StartedUtc.UtcDateTime.AddSeconds(1);
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    private static T? ReadMarker<T>(string path) where T : class
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), ResultFiles.Json);
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Null when task <paramref name="task"/> is done; otherwise why not ("" when it has no completion marker).
    /// </summary>
    internal static string? WhyNotDone(GridRun run, int task)
    {
        string marker = run.DoneMarker(task);
        if (!File.Exists(marker)) return "";
        GridTaskDone? done;
        try
        {
            done = JsonSerializer.Deserialize<GridTaskDone>(File.ReadAllText(marker), ResultFiles.Json);
        }
        catch (JsonException e)
        {
            return $"{marker} is unreadable ({e.Message})";
        }
        var planned = run.Plan.Task(task).Members.Select(m => m.Key).ToArray();
        if (done is null || done.Task != task || !done.Members.SequenceEqual(planned, StringComparer.Ordinal))
            return $"{marker} records other models than the plan's task {task} (a run of an earlier plan)";
        var store = new TrainedModelCache(run.ModelStore);
        var folds = run.Plan.Options.CrossFitFolds is int k ? planned.SelectMany(m => Enumerable.Range(0, k).Select(f => TrainedModelCache.FoldName(m, f, k))) : [];
        var absent = planned.Concat(folds).FirstOrDefault(name => !store.Contains(name));
        return absent is null ? null : $"model {absent} is not in the store {run.ModelStore}";
    }

    /// <summary>Three lines for a terminal: counts and the task numbers not done.</summary>
    public string ToText()
    {
        var text = new System.Text.StringBuilder();
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{Run}: {Done.Count} of {TaskCount} tasks done, {Running.Count} running, {Missing.Count} missing, {Failed.Count} failed.\n");
        foreach (var running in Running) text.Append(System.Globalization.CultureInfo.InvariantCulture, $"task {running.Task}: {running.Detail}\n");
        if (Missing.Count > 0) text.Append("missing: ").AppendJoin(",", Missing).Append('\n');
        foreach (var failed in Failed) text.Append(System.Globalization.CultureInfo.InvariantCulture, $"failed: task {failed.Task}: {failed.Detail}\n");
        return text.ToString();
    }
}
