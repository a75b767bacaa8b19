using System.Globalization;
using System.Text;
using Normative.Experiments.Grid;

namespace Normative.Experiments.Slurm;

/// <summary>
/// The two sbatch scripts of a grid run on a Slurm cluster: a job array whose indices are the plan's task numbers
/// (each array task runs <c>normative grid run RUN --task $SLURM_ARRAY_TASK_ID</c>, its log in <c>RUN/slurm/</c>),
/// and a merge job (<c>normative grid merge RUN --out RESULTS</c>) submitted with <c>--dependency=afterok:</c> the
/// array, so it runs only when every task succeeded.
/// </summary>
/// <remarks>
/// Paths in the scripts are absolute, and the executable is the program that wrote them (resolved by the caller), so
/// the scripts run from any working directory. Every value is single-quoted for the shell.
/// </remarks>
public static class SlurmScripts
{
    /// <summary>The folder under the run folder that holds the scripts and the job logs.</summary>
    public const string Folder = "slurm";

    /// <summary>File name of the array script.</summary>
    public const string ArrayFile = "grid-array.sbatch";

    /// <summary>File name of the merge script.</summary>
    public const string MergeFile = "grid-merge.sbatch";

    /// <summary>The array script for <paramref name="job"/>'s tasks.</summary>
    public static string Array(SlurmGridJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        job.Validate();
        var text = new StringBuilder();
        text.Append("#!/bin/bash\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name={job.Options.JobName}\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --array={SlurmArraySpec.Of(job.Tasks, job.Options.MaxParallel)}\n");
        Resources(text, job.Options);
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --output={Path.Combine(job.RunFolder, Folder, "task-%a.job-%A.out")}\n");
        text.Append("#\n");
        text.Append(CultureInfo.InvariantCulture, $"# Written by `normative grid slurm` (package {PackageInfo.Version}) for the grid run {job.RunFolder}:\n");
        text.Append(CultureInfo.InvariantCulture, $"# tasks {SlurmArraySpec.Of(job.Tasks)} of the plan's {job.TaskCount}; the array index is the plan's task number.\n");
        text.Append("# Each task trains its models into the run's model store and marks RUN/tasks/<I>/task.json when complete;\n");
        text.Append("# a task that is already complete does nothing. Submit with `normative grid slurm RUN --submit`, which\n");
        text.Append("# also submits the merge script after this array; after failures it submits only the tasks not done.\n");
        text.Append("set -euo pipefail\n");
        text.Append("echo \"normative grid run: task ${SLURM_ARRAY_TASK_ID} on $(hostname), job ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}, started $(date -u +%FT%TZ)\"\n");
        text.Append(CultureInfo.InvariantCulture, $"exec {Command(job.Executable)} grid run {Quote(job.RunFolder)} --task \"${{SLURM_ARRAY_TASK_ID}}\"\n");
        return text.ToString();
    }

    /// <summary>The merge script for <paramref name="job"/> (submitted with <c>--dependency=afterok:&lt;array job&gt;</c>).</summary>
    public static string Merge(SlurmGridJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        job.Validate();
        var text = new StringBuilder();
        text.Append("#!/bin/bash\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name={job.Options.JobName}-merge\n");
        Resources(text, job.Options);
        // A merge whose array failed would wait forever (DependencyNeverSatisfied): let Slurm cancel it instead.
        text.Append("#SBATCH --kill-on-invalid-dep=yes\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --output={Path.Combine(job.RunFolder, Folder, "merge.job-%j.out")}\n");
        text.Append("#\n");
        text.Append(CultureInfo.InvariantCulture, $"# Written by `normative grid slurm` (package {PackageInfo.Version}) for the grid run {job.RunFolder}.\n");
        text.Append("# Submitted with --dependency=afterok:<array job id>, so it runs only when every array task succeeded;\n");
        text.Append("# `normative grid merge` checks again that every task is complete and consistent with the plan.\n");
        text.Append("set -euo pipefail\n");
        text.Append(CultureInfo.InvariantCulture, $"exec {Command(job.Executable)} grid merge {Quote(job.RunFolder)} --out {Quote(job.ResultsFolder)}{(job.Figures ? "" : " --no-figures")}\n");
        return text.ToString();
    }

    /// <summary>A value quoted for bash: in single quotes, each embedded single quote closed, escaped and reopened.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Command(WorkerCommand executable) =>
        string.Join(' ', new[] { executable.FileName }.Concat(executable.LeadingArguments).Select(Quote));

    private static void Resources(StringBuilder text, SlurmJobOptions options)
    {
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={options.CpusPerTask}\n");
        if (options.Partition is { } partition) text.Append(CultureInfo.InvariantCulture, $"#SBATCH --partition={partition}\n");
        if (options.Time is { } time) text.Append(CultureInfo.InvariantCulture, $"#SBATCH --time={time}\n");
        if (options.Memory is { } memory) text.Append(CultureInfo.InvariantCulture, $"#SBATCH --mem={memory}\n");
    }
}

/// <summary>What the scripts of one submission describe.</summary>
/// <param name="RunFolder">The grid run folder (absolute).</param>
/// <param name="ResultsFolder">Where the merge writes the results (absolute).</param>
/// <param name="Tasks">The plan tasks to run (the array's indices).</param>
/// <param name="TaskCount">How many tasks the plan has.</param>
/// <param name="Executable">The <c>normative</c> program the jobs run (absolute).</param>
/// <param name="Options">The #SBATCH settings.</param>
/// <param name="Figures">Whether the merge writes figures (false adds <c>--no-figures</c>).</param>
public sealed record SlurmGridJob(string RunFolder, string ResultsFolder, IReadOnlyList<int> Tasks, int TaskCount, WorkerCommand Executable, SlurmJobOptions Options, bool Figures = true)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first problem.</summary>
    public void Validate()
    {
        Options.Validate();
        foreach (var (name, path) in new[] { ("run folder", RunFolder), ("results folder", ResultsFolder), ("executable", Executable.FileName) })
        {
            if (!Path.IsPathRooted(path)) throw new ArgumentException($"The {name} '{path}' must be an absolute path: jobs start in another working directory.");
            // #SBATCH lines are not shell lines: sbatch splits them at white space, so a log path with a space breaks.
            if (name == "run folder" && path.Any(char.IsWhiteSpace))
                throw new ArgumentException($"The run folder '{path}' contains white space, which #SBATCH --output cannot hold; use a folder without spaces.");
        }
        if (Tasks.Count > 0) _ = SlurmArraySpec.Of(Tasks);
        if (Tasks.Any(t => t > TaskCount)) throw new ArgumentException($"Task {Tasks.Max()} is not in the plan, which has tasks 1..{TaskCount}.");
    }
}
