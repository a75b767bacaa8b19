using System.Text.Json;

namespace Normative.Experiments.Grid;

/// <summary>Where one task of a grid run stands.</summary>
public enum GridTaskState
{
    /// <summary>Complete: its marker names exactly the plan's models and every one is in the store.</summary>
    Done,

    /// <summary>Not run, still running, interrupted, or done for another plan.</summary>
    Missing,

    /// <summary>Its last attempt failed (tasks/I/failed.json) and it is not done.</summary>
    Failed,
}

/// <summary>One task's state, with why when it is not done.</summary>
/// <param name="Detail">The failure's message, or why a marker does not count; null when done or never started.</param>
public sealed record GridTaskStatus(int Task, GridTaskState State, string? Detail);

/// <summary>
/// The state of every task of a grid run (<c>normative grid status</c>; definition <c>status</c> of
/// data-schemas/grid.schema.json): what is done, missing and failed — e.g. to resubmit only the tasks not done.
/// </summary>
public sealed record GridStatus(string Run, int TaskCount, IReadOnlyList<int> Done, IReadOnlyList<int> Missing, IReadOnlyList<GridTaskStatus> Failed)
{
    /// <summary>Whether every task is done (the run can be merged).</summary>
    public bool Complete => Done.Count == TaskCount;

    /// <summary>The tasks still to run (missing or failed), ascending.</summary>
    public IReadOnlyList<int> NotDone => Missing.Concat(Failed.Select(f => f.Task)).Order().ToArray();

    /// <summary>Reads the state of every task of <paramref name="run"/>.</summary>
    public static GridStatus Of(GridRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var states = run.Plan.Tasks.Select(t => Task(run, t.Task)).ToArray();
        return new GridStatus(run.Folder, states.Length,
            states.Where(s => s.State == GridTaskState.Done).Select(s => s.Task).ToArray(),
            states.Where(s => s.State == GridTaskState.Missing).Select(s => s.Task).ToArray(),
            states.Where(s => s.State == GridTaskState.Failed).ToArray());
    }

    /// <summary>Reads the state of the run in <paramref name="runFolder"/>.</summary>
    public static GridStatus Of(string runFolder) => Of(GridRun.Open(runFolder));

    /// <summary>The state of task <paramref name="task"/> of <paramref name="run"/>.</summary>
    public static GridTaskStatus Task(GridRun run, int task)
    {
        ArgumentNullException.ThrowIfNull(run);
        string? notDone = WhyNotDone(run, task);
        if (notDone is null) return new GridTaskStatus(task, GridTaskState.Done, null);
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
        return new GridTaskStatus(task, GridTaskState.Missing, notDone.Length == 0 ? null : notDone);
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
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{Run}: {Done.Count} of {TaskCount} tasks done, {Missing.Count} missing, {Failed.Count} failed.\n");
        if (Missing.Count > 0) text.Append("missing: ").AppendJoin(",", Missing).Append('\n');
        foreach (var failed in Failed) text.Append(System.Globalization.CultureInfo.InvariantCulture, $"failed: task {failed.Task}: {failed.Detail}\n");
        return text.ToString();
    }
}
