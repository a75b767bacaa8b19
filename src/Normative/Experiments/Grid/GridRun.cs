using Normative.Data;
using Normative.Data.Synthetic;

namespace Normative.Experiments.Grid;

/// <summary>
/// A grid run folder and its plan. Layout: <c>plan.json</c>; <c>cohort/</c> (the synthetic cohort, written once when
/// planned); <c>models/</c> (the model store, a <see cref="TrainedModelCache"/> shared by all tasks unless the plan names
/// another); <c>tasks/I/task.json</c> (task I is complete: written last, atomically), <c>tasks/I/failed.json</c> (its last
/// attempt failed), <c>tasks/I/log.txt</c> (output of a worker process).
/// </summary>
public sealed class GridRun
{
    /// <summary>Name of a task's completion marker.</summary>
    public const string DoneFile = "task.json";

    /// <summary>Name of a task's failure marker.</summary>
    public const string FailedFile = "failed.json";

    /// <summary>Name of the marker of a task being worked on.</summary>
    public const string RunningFile = "running.json";

    /// <summary>Name of a worker process's log.</summary>
    public const string LogFile = "log.txt";

    private GridRun(string folder, GridPlan plan)
    {
        Folder = folder;
        Plan = plan;
    }

    /// <summary>The run folder (absolute).</summary>
    public string Folder { get; }

    public GridPlan Plan { get; }

    /// <summary>The model store (absolute).</summary>
    public string ModelStore => Resolve(Plan.ModelStore);

    /// <summary>The cohort folder or manifest (absolute).</summary>
    public string CohortPath => Resolve(Plan.Cohort.Path);

    /// <summary>Opens the run in <paramref name="folder"/> (reads and checks its plan.json).</summary>
    public static GridRun Open(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        string full = Path.GetFullPath(folder);
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"The grid run folder {full} does not exist: make it with `normative grid plan ... --out {folder}`.");
        return new GridRun(full, GridPlan.Load(Path.Combine(full, GridPlan.FileName)));
    }

    /// <summary>Task <paramref name="task"/>'s folder.</summary>
    public string TaskFolder(int task) => Path.Combine(Folder, "tasks", task.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Task <paramref name="task"/>'s completion marker.</summary>
    public string DoneMarker(int task) => Path.Combine(TaskFolder(task), DoneFile);

    /// <summary>Task <paramref name="task"/>'s failure marker.</summary>
    public string FailedMarker(int task) => Path.Combine(TaskFolder(task), FailedFile);

    /// <summary>Task <paramref name="task"/>'s marker while a process works on it.</summary>
    public string RunningMarker(int task) => Path.Combine(TaskFolder(task), RunningFile);

    /// <summary>Task <paramref name="task"/>'s worker log.</summary>
    public string Log(int task) => Path.Combine(TaskFolder(task), LogFile);

    /// <summary>
    /// Loads the cohort after checking that its files still hash to the plan's value (a task or merge on a changed cohort
    /// would mix models of two data sets), and the synthetic ground truth beside it when there is one.
    /// </summary>
    public ExperimentData LoadData()
    {
        string path = CohortPath;
        string hash = CohortHash.Of(path);
        if (hash != Plan.Cohort.Sha256)
            throw new InvalidDataException($"The cohort {path} changed since the plan was made (content hash {hash[..12]}…, plan {Plan.Cohort.Sha256[..12]}…): plan the run again.");
        var cohort = CohortLoader.Load(path);
        string folder = Directory.Exists(path) ? path : Path.GetDirectoryName(path)!;
        var truth = File.Exists(Path.Combine(folder, SyntheticGroundTruth.DefaultFileName)) ? SyntheticGroundTruth.Load(folder) : null;
        return ExperimentData.From(cohort, truth);
    }

    private string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(Folder, path));
}
