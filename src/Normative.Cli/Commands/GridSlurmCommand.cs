using System.CommandLine;
using Normative.Cli.Infrastructure;
using Normative.Experiments.Grid;
using Normative.Experiments.Slurm;

namespace Normative.Cli.Commands;

/// <summary>
/// <c>normative grid slurm RUN</c>: writes the sbatch job-array script (one array task per plan task not yet done) and the
/// dependent merge script of a grid run, and with <c>--submit</c> submits both (issue 18). The scripts run the program
/// that wrote them, by its absolute path, which the command prints.
/// </summary>
internal static class GridSlurmCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("RUN") { Description = "The run folder (made by grid plan)." };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition (default: the cluster's default)." };
        var time = new Option<string?>("--time") { Description = "Wall-time limit per task, e.g. 2:00:00 or 1-00 (default: the partition's)." };
        var memory = new Option<string?>("--mem") { Description = "Memory per task, e.g. 4G (default: the partition's)." };
        var maxParallel = new Option<int?>("--max-parallel") { Description = "At most this many tasks at once (the array's %N throttle)." };
        var results = new Option<string?>("--results") { Description = "Where the merge job writes the results (default: RUN/results)." };
        var noFigures = new Option<bool>("--no-figures") { Description = "The merge job skips the figures." };
        var submit = new Option<bool>("--submit") { Description = "Submit the array and the merge job (afterok the array) with sbatch, and print their job ids." };
        var command = new Command("slurm",
            "Write a Slurm job-array script (array index = plan task; only the tasks not done yet) and a merge script that runs after the array succeeds, " +
            "under RUN/slurm/; with --submit, submit both. Rerun after failures: it submits only the missing or failed tasks. Task logs: RUN/slurm/task-<I>.job-<J>.out.\n" +
            "Example: normative grid plan --out run\n" +
            "         normative grid slurm run --partition cpu --time 4:00:00 --mem 4G --max-parallel 20 --submit\n" +
            "         normative grid status run");
        command.Arguments.Add(folder);
        foreach (var option in new Option[] { partition, time, memory, maxParallel, results, noFigures, submit }) command.Options.Add(option);
        command.SetGuardedAction((parse, _) =>
        {
            var run = GridRun.Open(parse.GetValue(folder)!);
            var status = GridStatus.Of(run);
            string slurmFolder = Path.Combine(run.Folder, SlurmScripts.Folder);
            bool submitting = parse.GetValue(submit);

            // Tasks an earlier submission still has queued or running are not submitted again.
            var queued = new SortedSet<int>();
            if (submitting)
                foreach (var earlier in SlurmSubmission.Read(slurmFolder))
                    if (earlier.ArrayJob is { } arrayId) queued.UnionWith(SlurmClient.QueuedTasks(arrayId));
            var tasks = status.NotDone.Where(t => !queued.Contains(t)).ToArray();

            var executable = SelfWorkerCommand.Resolve();
            var job = new SlurmGridJob(run.Folder, Path.GetFullPath(parse.GetValue(results) ?? Path.Combine(run.Folder, "results")), tasks, status.TaskCount, executable,
                new SlurmJobOptions
                {
                    Partition = parse.GetValue(partition),
                    Time = parse.GetValue(time),
                    Memory = parse.GetValue(memory),
                    MaxParallel = parse.GetValue(maxParallel),
                    CpusPerTask = run.Plan.Options.Threads,
                },
                Figures: !parse.GetValue(noFigures));
            job.Validate();
            Directory.CreateDirectory(slurmFolder);
            string arrayScript = Path.Combine(slurmFolder, SlurmScripts.ArrayFile), mergeScript = Path.Combine(slurmFolder, SlurmScripts.MergeFile);
            Console.WriteLine($"The jobs run {string.Join(' ', new[] { executable.FileName }.Concat(executable.LeadingArguments))} (this program, by its absolute path).");
            Console.WriteLine(status.ToText().TrimEnd());
            if (queued.Count > 0) Console.WriteLine($"Still queued or running from an earlier submission, not submitted again: {SlurmArraySpec.Of(queued)}.");
            File.WriteAllText(mergeScript, SlurmScripts.Merge(job));
            if (tasks.Length > 0)
            {
                File.WriteAllText(arrayScript, SlurmScripts.Array(job));
                Console.WriteLine($"Wrote {arrayScript} (--array={SlurmArraySpec.Of(tasks, job.Options.MaxParallel)}) and {mergeScript} (merges into {job.ResultsFolder}).");
            }
            else
            {
                if (File.Exists(arrayScript)) File.Delete(arrayScript);
                Console.WriteLine(queued.Count > 0 ? $"No task to submit. Wrote {mergeScript}." : $"Every task is done; only the merge is left. Wrote {mergeScript}.");
            }

            if (!submitting)
            {
                Console.WriteLine(tasks.Length > 0
                    ? $"Submit with: normative grid slurm {run.Folder} --submit   (or: jid=$(sbatch --parsable {arrayScript}) && sbatch --dependency=afterok:$jid {mergeScript})"
                    : $"Submit with: normative grid slurm {run.Folder} --submit   (or: sbatch {mergeScript})");
                return 0;
            }
            if (tasks.Length == 0 && queued.Count > 0)
            {
                Console.WriteLine("Nothing submitted: wait for the queued tasks (squeue), then run this again to merge.");
                return 0;
            }
            string? arrayJob = tasks.Length > 0 ? SlurmClient.Submit(arrayScript) : null;
            string mergeJob = SlurmClient.Submit(mergeScript, arrayJob);
            SlurmSubmission.Append(slurmFolder, new SlurmSubmission(arrayJob, tasks, mergeJob, DateTimeOffset.UtcNow));
            Console.WriteLine(arrayJob is null
                ? $"Submitted merge job {mergeJob}."
                : $"Submitted array job {arrayJob} (tasks {SlurmArraySpec.Of(tasks)}) and merge job {mergeJob} (after the array succeeds).");
            Console.WriteLine($"array_job={arrayJob ?? ""}");
            Console.WriteLine($"merge_job={mergeJob}");
            Console.WriteLine($"Follow with: squeue -j {(arrayJob is null ? mergeJob : $"{arrayJob},{mergeJob}")}; normative grid status {run.Folder}");
            return 0;
        });
        return command;
    }
}
