using System.Diagnostics;
using Normative.Data;
using Normative.Data.Synthetic;

namespace Normative.Experiments;

/// <summary>
/// The paper's experiments end to end (design §6): generate or load the cohort, train the grid, run every
/// experiment and write the results folder — tables/*.csv|json, subjects/*.csv, run.json — then
/// <see cref="ReportWriter"/> adds report.md. Figures are added by the caller (the library does not draw).
/// </summary>
public static class Reproduction
{
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

        var (cohort, groundTruth, source) = LoadCohort(options, output, log);
        var data = ExperimentData.From(cohort, groundTruth);
        try
        {
            log($"Training {options.Grid.RunCount} models ({options.Grid.Methods.Count} methods x {options.Grid.LatentSizes.Count} latent sizes x {options.Grid.Seeds.Count} seeds, preset '{options.Grid.Preset.Name}').");
            var grid = GridRunner.Run(data, options.Grid, progress, cancellationToken);
            try
            {
                log("Running the experiments (Table 1, Fig 3-5, cognition, planted truth) and writing per-subject scores.");
                var experiments = ExperimentResults.Run(grid, data, options.Mapping);
                experiments.Write(Path.Combine(output, "tables"));
                WriteSubjects(grid, data, Path.Combine(output, "subjects"));
                foreach (var line in ScoredModalitiesCsv.Write(Path.Combine(output, "subjects"), grid)) log(line);

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
        catch
        {
            data.Dispose();
            throw;
        }
    }

    private static (Cohort Cohort, SyntheticGroundTruth? Truth, string Source) LoadCohort(ReproductionOptions options, string output, Action<string> log)
    {
        if (options.CohortPath is { } path)
        {
            log($"Loading cohort {path}.");
            var cohort = CohortLoader.Load(path);
            string folder = Directory.Exists(path) ? path : Path.GetDirectoryName(Path.GetFullPath(path))!;
            var truth = File.Exists(Path.Combine(folder, SyntheticGroundTruth.DefaultFileName)) ? SyntheticGroundTruth.Load(folder) : null;
            return (cohort, truth, Path.GetFullPath(path));
        }
        log($"Generating the synthetic cohort (seed {options.Synthetic.Seed}, sizes {options.Synthetic.Sizes}).");
        var synthetic = SyntheticCohortGenerator.Generate(options.Synthetic);
        string target = Path.Combine(output, "cohort");
        synthetic.Write(target);
        return (synthetic.Cohort, synthetic.GroundTruth, $"synthetic (seed {options.Synthetic.Seed}) -> {target}");
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
                r.History.Epochs.Count > 0 ? r.History.Epochs[^1].Loss : double.NaN, r.TrainingTime.TotalSeconds)).ToArray());
}
