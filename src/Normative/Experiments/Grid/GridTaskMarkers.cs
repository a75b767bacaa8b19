namespace Normative.Experiments.Grid;

/// <summary>
/// <c>tasks/I/task.json</c> (data-schemas/grid.schema.json, definition <c>task_done</c>): task I finished; written last and
/// atomically, so it exists only when every model it names is in the store.
/// </summary>
/// <param name="Task">The task number.</param>
/// <param name="Members">The keys of the models it trained, in the plan's order (compared with the plan).</param>
/// <param name="WallSeconds">How long the task took, including models it found already trained.</param>
public sealed record GridTaskDone(int Task, IReadOnlyList<string> Members, DateTimeOffset CompletedUtc, double WallSeconds, string Host, string PackageVersion);

/// <summary>
/// <c>tasks/I/running.json</c> (definition <c>task_running</c>): a process is working on task I; written when it starts and
/// removed when it stops (done, failed or interrupted). Left behind only by a process killed outright, which
/// <see cref="GridStatus"/> recognises on the same host by the process being gone.
/// </summary>
/// <param name="ProcessId">The working process on <paramref name="Host"/>.</param>
public sealed record GridTaskRunning(int Task, string Host, int ProcessId, DateTimeOffset StartedUtc, string PackageVersion);

/// <summary>
/// <c>tasks/I/failed.json</c> (definition <c>task_failed</c>): the last attempt at task I failed; removed when it succeeds.
/// </summary>
/// <param name="Error">The error's one-paragraph message.</param>
/// <param name="ErrorType">The exception type, for a bug report.</param>
public sealed record GridTaskFailed(int Task, string Error, string ErrorType, DateTimeOffset FailedUtc, string Host);
