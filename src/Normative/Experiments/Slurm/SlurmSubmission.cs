using System.Text.Json;

namespace Normative.Experiments.Slurm;

/// <summary>
/// One <c>grid slurm --submit</c> of a run, appended to <c>RUN/slurm/submissions.json</c>: which tasks went to which
/// array job and which job merges. A later submission asks Slurm about these jobs so it does not submit a task that is
/// still queued or running.
/// </summary>
/// <param name="ArrayJob">The array job's id; null when every task was already done and only the merge was submitted.</param>
/// <param name="Tasks">The plan tasks in the array.</param>
/// <param name="MergeJob">The merge job's id.</param>
/// <param name="SubmittedUtc">When.</param>
public sealed record SlurmSubmission(string? ArrayJob, IReadOnlyList<int> Tasks, string MergeJob, DateTimeOffset SubmittedUtc)
{
    /// <summary>The log's file name inside <c>RUN/slurm/</c>.</summary>
    public const string FileName = "submissions.json";

    /// <summary>The submissions recorded for the run whose Slurm folder is <paramref name="slurmFolder"/> (none when there is no log).</summary>
    public static IReadOnlyList<SlurmSubmission> Read(string slurmFolder)
    {
        string path = Path.Combine(slurmFolder, FileName);
        if (!File.Exists(path)) return [];
        try
        {
            return JsonSerializer.Deserialize<SlurmSubmission[]>(File.ReadAllText(path), ResultFiles.Json) ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a list of Slurm submissions ({e.Message}); delete it if no job of this run is queued.", e);
        }
    }

    /// <summary>Appends <paramref name="submission"/> to the log (rewritten atomically).</summary>
    public static void Append(string slurmFolder, SlurmSubmission submission)
    {
        var all = Read(slurmFolder).Append(submission).ToArray();
        Grid.AtomicFile.WriteAllText(Path.Combine(slurmFolder, FileName), JsonSerializer.Serialize(all, ResultFiles.Json) + "\n");
    }
}
