using System.CommandLine;
using System.Globalization;
using Normative.Cli.Infrastructure;
using Normative.Experiments;
using Normative.Experiments.Grid;

namespace Normative.Cli.Commands;

/// <summary>
/// <c>normative grid plan|run|status|merge</c>: the <c>reproduce</c> grid split into tasks that run anywhere (a cluster's
/// job array, several machines, or one after another) and merged into exactly the results folder <c>reproduce</c> writes
/// (issue 18). <c>reproduce</c> is these steps in one process.
/// </summary>
internal static class GridCommand
{
    /// <summary>The environment variable a task number is read from when <c>--task</c> is absent (a Slurm job array's index).</summary>
    public const string TaskVariable = "SLURM_ARRAY_TASK_ID";

    public static Command Create()
    {
        var command = new Command("grid",
            "Run the reproduce grid as separate tasks: plan it, run each task (anywhere, any order), check status, merge.\n" +
            "Example: normative grid plan --quick --out run\n" +
            "         normative grid run run --task 1        (or SLURM_ARRAY_TASK_ID=1 normative grid run run)\n" +
            "         normative grid status run\n" +
            "         normative grid merge run --out results");
        // One line per sub-command, each in this file or its own.
        command.Subcommands.Add(Plan());
        command.Subcommands.Add(Run());
        command.Subcommands.Add(Status());
        command.Subcommands.Add(Merge());
        command.Subcommands.Add(GridSlurmCommand.Create());
        return command;
    }

    private static Command Plan()
    {
        var reproduction = new ReproductionCliOptions();
        var output = new Option<string>("--out") { Description = "The run folder to create (plan.json, cohort/, models/, tasks/).", Required = true };
        var tasks = new Option<int?>("--tasks") { Description = "Number of tasks (default: as many as fit with no task longer than the most expensive stack or model; at most one per stack or model)." };
        var cache = new Option<string?>("--cache") { Description = "Model store shared with other runs (default: RUN/models). A model with the same key is not trained again." };
        var command = new Command("plan",
            "Plan the reproduce grid as tasks of about equal time: writes RUN/plan.json (and the synthetic cohort under RUN/cohort). Takes the options of reproduce.\n" +
            "Every model trains on --threads torch threads (default 1), which are part of its key: use the same value as a local reproduce to get its numbers.\n" +
            "Example: normative grid plan --quick --out run\n" +
            "         normative grid plan --models mmsivae-mopoe --latents 5,10,15,20 --seeds 0,1,2,3,4 --tasks 8 --out run");
        reproduction.AddTo(command);
        foreach (var option in new Option[] { output, tasks, cache }) command.Options.Add(option);
        command.SetGuardedAction((parse, _) =>
        {
            string folder = parse.GetValue(output)!;
            var options = reproduction.OptionsOf(parse, folder);
            int threads = options.Grid.Threads ?? options.Grid.Preset.Training.Threads ?? 1;
            var run = GridPlanner.Plan(options, folder, threads, parse.GetValue(tasks), parse.GetValue(cache) is { } c ? Path.GetFullPath(c) : null, Console.WriteLine);
            var costs = run.Plan.Tasks.Select(t => t.Cost).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{run.Plan.Tasks.Count} tasks, {run.Plan.Members.Count} models; task cost {costs.Min():0.#} to {costs.Max():0.#} ({GridCostModel.Description})."));
            Console.WriteLine($"Next: normative grid run {folder} --task I   (I = 1..{run.Plan.Tasks.Count}, or SLURM_ARRAY_TASK_ID), then normative grid merge {folder} --out RESULTS");
            return 0;
        });
        return command;
    }

    private static Command Run()
    {
        var folder = new Argument<string>("RUN") { Description = "The run folder (made by grid plan)." };
        var task = new Option<int?>("--task") { Description = $"The task to run, 1..N (default: ${TaskVariable})." };
        var exitWithParent = new Option<bool>(GridWorkers.ExitWithParentOption) { Description = "Exit when stdin closes (set by reproduce for its worker processes).", Hidden = true };
        var command = new Command("run",
            "Train one task of a grid plan; its models go to the run's model store and RUN/tasks/I/task.json marks it done. Does nothing when already done; " +
            "a failure writes RUN/tasks/I/failed.json and exits non-zero.\n" +
            "Example: normative grid run run --task 3\n" +
            "         sbatch --array=1-12 --wrap 'normative grid run run'");
        command.Arguments.Add(folder);
        command.Options.Add(task);
        command.Options.Add(exitWithParent);
        command.SetGuardedAction((parse, token) =>
        {
            if (parse.GetValue(exitWithParent)) ExitWhenParentGoes();
            int number = parse.GetValue(task) ?? TaskFromEnvironment();
            var run = GridRun.Open(parse.GetValue(folder)!);
            int models = run.Plan.Task(number).Members.Count;
            int epochs = run.Plan.Options.ToGridOptions().TrainingFor(0).Epochs;
            ProgressDisplay.Run(progressTask =>
            {
                var bar = progressTask($"task {number}");
                return GridTaskRunner.Run(run, number, null,
                    new SyncProgress<GridProgress>(p => bar.Report(p.EpochsDone, (double)models * epochs, p.RunKey)), Console.WriteLine, token);
            });
            return 0;
        });
        return command;
    }

    private static Command Status()
    {
        var folder = new Argument<string>("RUN") { Description = "The run folder (made by grid plan)." };
        var json = new Option<bool>("--json") { Description = "Print the status as JSON (data-schemas/grid.schema.json, definition status)." };
        var command = new Command("status",
            "List the done, missing and failed tasks of a grid run.\n" +
            "Example: normative grid status run\n" +
            "         normative grid status run --json");
        command.Arguments.Add(folder);
        command.Options.Add(json);
        command.SetGuardedAction((parse, _) =>
        {
            var status = GridStatus.Of(parse.GetValue(folder)!);
            Console.Write(parse.GetValue(json) ? System.Text.Json.JsonSerializer.Serialize(status, ResultFiles.Json) + "\n" : status.ToText());
            return 0;
        });
        return command;
    }

    private static Command Merge()
    {
        var folder = new Argument<string>("RUN") { Description = "The run folder (made by grid plan, every task done)." };
        var output = new Option<string>("--out") { Description = "The results folder to write (what reproduce writes).", Required = true };
        var noFigures = new Option<bool>("--no-figures") { Description = "Skip the figures (always written as interactive HTML; also as PNG where Chromium is installed)." };
        var command = new Command("merge",
            "Check that every task of a grid run is done and matches the plan, score every model and write the results folder reproduce writes " +
            "(report.md, tables/, subjects/, figures/, run.json, cohort/ for the synthetic cohort).\n" +
            "Example: normative grid merge run --out results");
        command.Arguments.Add(folder);
        command.Options.Add(output);
        command.Options.Add(noFigures);
        command.SetGuardedAction((parse, token) =>
        {
            var run = GridRun.Open(parse.GetValue(folder)!);
            GridMerge.RequireComplete(run);
            bool figuresWanted = !parse.GetValue(noFigures);
            ResultsFolderOutput.AnnounceFigures(figuresWanted);
            using var result = GridMerge.Run(run, parse.GetValue(output)!, Console.WriteLine, cancellationToken: token);
            ResultsFolderOutput.Finish(result, figuresWanted);
            return 0;
        });
        return command;
    }

    private static int TaskFromEnvironment()
    {
        string? text = Environment.GetEnvironmentVariable(TaskVariable);
        if (string.IsNullOrWhiteSpace(text))
            throw new ArgumentException($"Which task? Give --task I or set {TaskVariable} (Slurm sets it in a job array).");
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int task) ? task
            : throw new ArgumentException($"{TaskVariable} is '{text}', not a task number.");
    }

    /// <summary>
    /// A worker process of <c>reproduce</c> reads its stdin, a pipe from the parent, until it closes: when the parent is
    /// gone (even killed with -9) the worker exits instead of training on as an orphan beside the rerun.
    /// </summary>
    private static void ExitWhenParentGoes()
    {
        var watcher = new Thread(() =>
        {
            try
            {
                while (Console.In.Read() >= 0)
                {
                }
            }
            catch (IOException)
            {
            }
            Console.Error.WriteLine("The parent process is gone; stopping this grid worker.");
            Environment.Exit(3);
        })
        { IsBackground = true, Name = "parent watcher" };
        watcher.Start();
    }
}
