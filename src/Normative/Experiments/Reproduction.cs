using System.Diagnostics;
using Normative.Experiments.Grid;

namespace Normative.Experiments;

/// <summary>
/// The paper's experiments end to end (design §6), through a grid plan so that an interrupted run resumes: plan the grid
/// into <c>&lt;out&gt;/grid</c> (<see cref="GridPlanner"/>), run its tasks here or in worker processes
/// (<see cref="GridWorkers"/>), merge them (<see cref="GridMerge"/>): run every experiment and write the results
/// folder — tables/*.csv|json, subjects/*.csv, run.json — then <see cref="ReportWriter"/> adds report.md. Figures are
/// added by the caller (the library does not draw). <c>normative grid plan|run|merge</c> are the same three steps apart.
/// </summary>
public static class Reproduction
{
    /// <summary>The grid run folder inside a results folder.</summary>
    public const string GridFolder = "grid";

    /// <summary>Runs the reproduction; the caller owns (and disposes) the result.</summary>
    /// <param name="log">Receives one line per step.</param>
    public static ReproductionResult Run(ReproductionOptions options, IProgress<GridProgress>? progress = null,
        Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        log ??= _ => { };
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        string output = Path.GetFullPath(options.OutputFolder);
        Directory.CreateDirectory(output);
        var parallelism = options.Parallelism;
        var phase = Stopwatch.StartNew();
        var run = GridPlanner.Plan(options, Path.Combine(output, GridFolder), parallelism.Threads, modelStore: options.ModelStore, log: log);
        log($"Planning took {phase.Elapsed.TotalSeconds:0.0} s.");
        log($"Training {options.Grid.RunCount} models ({options.Grid.Methods.Count} methods x {options.Grid.LatentSizes.Count} latent sizes x {options.Grid.Seeds.Count} seeds, preset '{options.Grid.Preset.Name}') " +
            $"in {run.Plan.Tasks.Count} tasks, {parallelism.Workers} at a time ({(parallelism.Workers == 1 ? "in this process" : "worker processes")}, {parallelism.Threads} torch thread{(parallelism.Threads == 1 ? "" : "s")} each).");
        phase.Restart();
        GridWorkers.Run(run, parallelism.Workers, options.WorkerCommand, progress, log, cancellationToken);
        log($"The tasks took {phase.Elapsed.TotalSeconds:0.0} s.");
        return GridMerge.Run(run, output, log, started, clock, cancellationToken);
    }

    /// <summary>
    /// The experiments on a scored grid, written under <see cref="ReproductionOptions.OutputFolder"/> (tables/, subjects/,
    /// run.json): the last step of every reproduction. Takes ownership of <paramref name="data"/> and <paramref name="grid"/>.
    /// </summary>
    internal static ReproductionResult Complete(ReproductionOptions options, ExperimentData data, string source, GridResult grid,
        DateTimeOffset started, Stopwatch clock, Action<string> log)
    {
        string output = Path.GetFullPath(options.OutputFolder);
        try
        {
            log("Running the experiments (Table 1, Fig 3-5, cognition, planted truth) and writing per-subject scores.");
            var phase = Stopwatch.StartNew();
            var experiments = ExperimentResults.Run(grid, data, options.Mapping);
            experiments.Write(Path.Combine(output, "tables"));
            WriteSubjects(grid, data, Path.Combine(output, "subjects"));
            foreach (var line in ScoredModalitiesCsv.Write(Path.Combine(output, "subjects"), grid)) log(line);

            log($"The experiments took {phase.Elapsed.TotalSeconds:0.0} s.");
            clock.Stop();
            var run = Record(options, data, source, grid, started, clock.Elapsed);
            ResultFiles.WriteJson(Path.Combine(output, "run.json"), run);
            return new ReproductionResult(options, data, grid, experiments, run);
        }
        catch
        {
            grid.Dispose();
            throw;
        }
    }

    /// <summary>One file per method and latent size (the first seed's run), named by its method key and d; the calibration
    /// controls' distances in a compact companion file <c>&lt;key&gt;-d&lt;d&gt;-calibration.csv</c>; the no-model baseline's
    /// <c>baseline.csv</c>.</summary>
    private static void WriteSubjects(GridResult grid, ExperimentData data, string folder)
    {
        foreach (var method in grid.Options.Methods)
            foreach (int d in grid.Options.LatentSizes)
            {
                var run = grid.Representative(method, d);
                SubjectScoresCsv.Write(Path.Combine(folder, $"{method.Key}-d{d}.csv"), data.Cohort, SubjectScoresCsv.GroupsOf(run));
                if (run.Calibration is { Count: > 0 } calibration)
                    SubjectScoresCsv.WriteDistances(Path.Combine(folder, $"{method.Key}-d{d}-calibration.csv"), data.Cohort,
                        new SubjectScoresCsv.Group(calibration.Scores, calibration.Deviations));
            }
        if (grid.Baseline is { } baseline) BaselineScoresCsv.Write(folder, data, baseline);
    }

    private static RunRecord Record(ReproductionOptions options, ExperimentData data, string source, GridResult grid, DateTimeOffset started, TimeSpan wall) =>
        new(options.Configuration, data.Cohort.Name, source, data.Cohort.Subjects.Count, options.Grid.Preset.Name,
            options.Grid.TrainingFor(options.Grid.Seeds[0]) with { Seed = 0 }, options.Grid.Conventions,
            options.Grid.Methods.Select(m => m.Label).ToArray(), options.Grid.LatentSizes, options.Grid.Seeds,
            PackageInfo.Version, PackageInfo.TorchSharpVersion, Environment.Version.ToString(), started, wall.TotalSeconds,
            grid.Runs.Select(r => new RunTiming(r.Method.Label, r.Method.Key, r.LatentDim, r.Seed, r.History.Epochs.Count,
                r.History.Epochs.Count > 0 ? r.History.Epochs[^1].Loss : double.NaN, r.TrainingTime.TotalSeconds)).ToArray())
        {
            CrossFitFolds = options.Grid.CrossFitFolds,
        };
}
