using System.Diagnostics;
using static TorchSharp.torch;

namespace Normative.Experiments.Grid;

/// <summary>
/// Merges a finished grid run into a results folder (<c>normative grid merge RUN --out RESULTS</c>, and the last step of
/// <c>reproduce</c>): checks that every task is done and consistent with the plan, loads every model from the store, scores
/// them all on the plan's torch threads and runs the experiments — the results folder <c>reproduce</c> writes
/// (the caller adds figures and report.md, as reproduce does).
/// </summary>
public static class GridMerge
{
    /// <summary>Merges <paramref name="run"/> into <paramref name="outputFolder"/>; the caller owns (and disposes) the result.</summary>
    /// <param name="started">When the whole reproduction started (run.json's wall time); default now.</param>
    public static ReproductionResult Run(GridRun run, string outputFolder, Action<string>? log = null, DateTimeOffset? started = null,
        Stopwatch? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        log ??= _ => { };
        started ??= DateTimeOffset.UtcNow;
        clock ??= Stopwatch.StartNew();
        RequireComplete(run);

        string output = Path.GetFullPath(outputFolder);
        var plan = run.Plan;
        bool synthetic = plan.Cohort.Synthetic is not null;
        var options = plan.Options.ToReproductionOptions(output, synthetic ? null : run.CohortPath);
        var data = run.LoadData();
        try
        {
            string source;
            if (plan.Cohort.Synthetic is { } generated)
            {
                // reproduce writes the generated cohort beside the results: copy the run's (identical files, same hash).
                string target = Path.Combine(output, "cohort");
                if (Path.GetFullPath(target) != run.CohortPath) CopyFolder(run.CohortPath, target);
                source = $"synthetic (seed {generated.Seed}) -> {target}";
            }
            else
            {
                source = run.CohortPath;
            }
            log($"Scoring {plan.Members.Count} models from {run.ModelStore}.");
            // The experiments after scoring use the models too (latent-to-region decoding, planted truth), so they run on
            // the plan's torch threads as well: otherwise their last float bits depend on the cores of the merging machine
            // (issue 18: a merge on 2 default threads and one on 1 gave other latent_to_region/planted_truth numbers).
            int previous = get_num_threads();
            set_num_threads(plan.Options.Threads);
            try
            {
                var phase = Stopwatch.StartNew();
                var grid = Score(run, data, options.Grid, out var loading, cancellationToken);
                log($"Loaded the models in {loading.TotalSeconds:0.0} s and scored them in {(phase.Elapsed - loading).TotalSeconds:0.0} s.");
                return Reproduction.Complete(options, data, source, grid, started.Value, clock, log);
            }
            finally
            {
                set_num_threads(previous);
            }
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    /// <summary>Throws, naming every task not done and why, unless every task of <paramref name="run"/> is done.</summary>
    public static void RequireComplete(GridRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var status = GridStatus.Of(run);
        if (status.Complete) return;
        var problems = run.Plan.Tasks.Select(t => GridStatus.Task(run, t.Task)).Where(s => s.State != GridTaskState.Done)
            .Select(s => $"task {s.Task} {s.State switch { GridTaskState.Failed => "failed", GridTaskState.Running => "is still running", _ => "is missing" }}{(s.Detail is null ? "" : $" ({s.Detail})")}").ToArray();
        throw new InvalidOperationException($"The grid run {run.Folder} is not complete: {string.Join("; ", problems.Take(10))}{(problems.Length > 10 ? $"; and {problems.Length - 10} more" : "")}. " +
            $"Run them (normative grid run {run.Folder} --task I) and merge again.");
    }

    /// <summary>Loads and scores every model of the plan, in grid order, plus the no-model baseline.</summary>
    private static GridResult Score(GridRun run, ExperimentData data, GridOptions options, out TimeSpan loading, CancellationToken token)
    {
        var loadClock = new Stopwatch();
        var store = new TrainedModelCache(run.ModelStore);
        var methods = options.Methods.ToDictionary(m => m.Key, StringComparer.Ordinal);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var keys = new Dictionary<int, CacheKey>();
        foreach (var item in run.Plan.Tasks.SelectMany(t => t.Items))
        {
            var computed = GridTaskRunner.KeysOf(data, options, methods[item.Members[0].Method], item, hashes);
            for (int k = 0; k < computed.Length; k++) keys[item.Members[k].Cell] = computed[k];
        }
        var runs = new List<ModelEvaluation>(options.RunCount);
        int previous = get_num_threads();
        set_num_threads(run.Plan.Options.Threads);
        try
        {
            foreach (var cell in GridRunner.Cells(options))
            {
                token.ThrowIfCancellationRequested();
                if (!keys.TryGetValue(cell.Number, out var key))
                    throw new InvalidDataException($"{Path.Combine(run.Folder, GridPlan.FileName)} has no task training cell {cell.Number} ({cell.Key}).");
                loadClock.Start();
                var cached = store.TryLoad(key) ?? throw new InvalidDataException($"Model {key.Name} ({cell.Key}) is not in the store {store.Folder}.");
                loadClock.Stop();
                // The cross-fit's fold models were trained by the tasks too (GridTaskRunner): merge loads them.
                FoldModelSource? folds = options.CrossFitFolds is int k
                    ? (fold, _) => (store.TryLoad(TrainedModelCache.FoldKey(key, fold, k))
                        ?? throw new InvalidDataException($"Cross-fit fold model {TrainedModelCache.FoldName(key.Name, fold, k)} ({cell.Key}) is not in the store {store.Folder}.")).Model
                    : null;
                runs.Add(ModelEvaluator.EvaluateTrained(data, cell.Method, cached.Model, cached.History, cached.TrainingTime, cell.Seed, options.Conventions,
                    options.CrossFitFolds is null ? null : options, folds, token));
            }
            var baseline = options.IncludeBaseline ? BaselineEvaluation.Run(data, options.Conventions) : null;
            loading = loadClock.Elapsed;
            return new GridResult(options, runs, baseline);
        }
        catch
        {
            foreach (var evaluation in runs) evaluation.Dispose();
            throw;
        }
        finally
        {
            set_num_threads(previous);
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
