using System.Diagnostics;
using static TorchSharp.torch;

namespace Normative.Experiments.Grid;

/// <summary>
/// Runs one task of a grid plan (<c>normative grid run RUN --task I</c>): trains its work items on the plan's torch
/// threads, saves every model into the run's store (each folder complete or absent), then writes the task's completion
/// marker. A task already done is left alone; a task interrupted part-way keeps the models already saved. A failure
/// writes <c>tasks/I/failed.json</c> and is rethrown.
/// </summary>
/// <remarks>
/// Tasks only train — the grid's models and, with <c>--cross-fit K</c>, each model's K fold models: scoring needs nothing a
/// task has that merge lacks, and merging scores every model in one process with the same code whatever the tasks were
/// (<see cref="GridMerge"/>). A stack with any member missing is trained again
/// whole, so a resumed stack is the very computation of an uninterrupted one.
/// </remarks>
public static class GridTaskRunner
{
    /// <summary>Runs task <paramref name="task"/> of <paramref name="run"/>; false when it was already done.</summary>
    /// <param name="data">The run's cohort (<see cref="GridRun.LoadData"/>), to share between tasks in one process; null loads it.</param>
    /// <param name="progress">Told after every epoch (numbered by grid cell).</param>
    public static bool Run(GridRun run, int task, ExperimentData? data = null, IProgress<GridProgress>? progress = null,
        Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        log ??= _ => { };
        var planned = run.Plan.Task(task);
        if (GridStatus.WhyNotDone(run, task) is null)
        {
            log($"Task {task} is already complete.");
            return false;
        }
        var clock = Stopwatch.StartNew();
        var running = new GridTaskRunning(task, Environment.MachineName, Environment.ProcessId, DateTimeOffset.UtcNow, PackageInfo.Version);
        Directory.CreateDirectory(run.TaskFolder(task));
        AtomicFile.WriteAllText(run.RunningMarker(task), System.Text.Json.JsonSerializer.Serialize(running, ResultFiles.Json) + "\n");
        try
        {
            var owned = data is null ? run.LoadData() : null;
            try
            {
                Train(run, planned, data ?? owned!, progress, log, cancellationToken);
            }
            finally
            {
                owned?.Dispose();
            }
            var done = new GridTaskDone(task, planned.Members.Select(m => m.Key).ToArray(), DateTimeOffset.UtcNow, clock.Elapsed.TotalSeconds,
                Environment.MachineName, PackageInfo.Version);
            AtomicFile.WriteAllText(run.DoneMarker(task), System.Text.Json.JsonSerializer.Serialize(done, ResultFiles.Json) + "\n");
            if (File.Exists(run.FailedMarker(task))) File.Delete(run.FailedMarker(task));
            log($"Task {task} complete ({planned.Members.Count} models, {clock.Elapsed.TotalSeconds:0.0} s).");
            return true;
        }
        catch (OperationCanceledException)
        {
            throw; // interrupted, not failed: status says missing
        }
        catch (Exception e)
        {
            var failed = new GridTaskFailed(task, e.Message, e.GetType().FullName ?? e.GetType().Name, DateTimeOffset.UtcNow, Environment.MachineName);
            AtomicFile.WriteAllText(run.FailedMarker(task), System.Text.Json.JsonSerializer.Serialize(failed, ResultFiles.Json) + "\n");
            throw;
        }
        finally
        {
            File.Delete(run.RunningMarker(task));
        }
    }

    private static void Train(GridRun run, GridPlanTask task, ExperimentData data, IProgress<GridProgress>? progress, Action<string> log,
        CancellationToken token)
    {
        var options = run.Plan.Options.ToGridOptions();
        var methods = options.Methods.ToDictionary(m => m.Key, StringComparer.Ordinal);
        var reporter = new GridProgressReporter(progress, options.RunCount);
        var store = new TrainedModelCache(run.ModelStore);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        // Every saved model describes itself (issue 18): the cohort it was trained on, the preprocessing, how it was trained.
        var cohort = new Training.TrainingCohort(data.Cohort.Name, Data.CohortContentHash.Of(data.Cohort));
        int previous = get_num_threads();
        set_num_threads(run.Plan.Options.Threads);
        try
        {
            foreach (var item in task.Items)
            {
                token.ThrowIfCancellationRequested();
                var method = methods[item.Members[0].Method];
                var cells = item.Members.Select(m => new GridCell(m.Cell, method, m.LatentDim, m.Seed)).ToArray();
                var keys = KeysOf(data, options, method, item, hashes);
                if (keys.All(k => store.Contains(k.Name)))
                {
                    log($"Task {task.Task}: {string.Join(", ", cells.Select(c => c.Key))} already in the store.");
                }
                else
                {
                    log($"Task {task.Task}: training {string.Join(", ", cells.Select(c => c.Key))}{(item.Stacked ? " as one stack" : "")}.");
                    var trained = item.Stacked
                        ? ModelEvaluator.TrainStack(data, method, cells[0].LatentDim, cells.Select(c => c.Seed).ToArray(), options, cells.Select(reporter.For).ToArray(), token)
                        : cells.Select(c => ModelEvaluator.Train(data, method, c.LatentDim, c.Seed, options, reporter.For(c), token)).ToArray();
                    try
                    {
                        for (int k = 0; k < trained.Count; k++) Save(store, keys[k], trained[k], options, data, data.Train.Count, cohort);
                    }
                    finally
                    {
                        foreach (var model in trained) model.Model.Dispose();
                    }
                }
                if (options.CrossFitFolds is int folds) TrainFolds(store, data, method, cells, keys, options, folds, cohort, log, task.Task, token);
            }
        }
        finally
        {
            set_num_threads(previous);
        }
    }

    /// <summary>
    /// Trains and saves each member's <c>--cross-fit K</c> fold models not yet in the store (merge loads them: the K trainings
    /// per model run in the tasks, in parallel, rather than one after another in merge). Each is the network
    /// <see cref="CrossFitting.Run"/> would train for that fold, on the same threads.
    /// </summary>
    private static void TrainFolds(TrainedModelCache store, ExperimentData data, MethodSpec method, IReadOnlyList<GridCell> cells, IReadOnlyList<CacheKey> keys,
        GridOptions options, int folds, Training.TrainingCohort cohort, Action<string> log, int task, CancellationToken token)
    {
        var modalities = method.ModalitiesFrom(data.Train.ModalityNames);
        using var train = data.Train.SelectModalities(modalities);
        for (int m = 0; m < cells.Count; m++)
        {
            var missing = Enumerable.Range(0, folds).Where(f => !store.Contains(TrainedModelCache.FoldName(keys[m].Name, f, folds))).ToArray();
            if (missing.Length == 0) continue;
            log($"Task {task}: training {missing.Length} of the {folds} cross-fit fold models of {cells[m].Key}.");
            var network = CrossFitting.NewNetwork(method, cells[m].LatentDim, cells[m].Seed, modalities, options);
            foreach (int f in missing)
            {
                token.ThrowIfCancellationRequested();
                var trained = CrossFitting.TrainFold(network, train, options.TrainingFor(cells[m].Seed), folds, cells[m].Seed, f, token);
                try
                {
                    Save(store, TrainedModelCache.FoldKey(keys[m], f, folds), trained, options, data, train.Count - CrossFitting.FoldSize(train.Count, folds, cells[m].Seed, f), cohort);
                }
                finally
                {
                    trained.Model.Dispose();
                }
            }
        }
    }

    private static void Save(TrainedModelCache store, CacheKey key, TrainedModel trained, GridOptions options, ExperimentData data, int trainingControls,
        Training.TrainingCohort cohort)
    {
        var training = options.TrainingFor(trained.Seed);
        var record = new Training.TrainingRecord(options.Preset.Name, training.Epochs, training.LearningRate, training.BatchSize, trained.Seed, trainingControls);
        store.Save(key, trained.Model, trained.History, trained.TrainingTime, new Training.ModelProvenance(record, data.Preprocessing, cohort));
    }

    /// <summary>
    /// The members' keys computed afresh from the plan's options and this cohort, checked against the plan's: a task run
    /// by another package version, or on other data, would save models the plan does not describe.
    /// </summary>
    internal static CacheKey[] KeysOf(ExperimentData data, GridOptions options, MethodSpec method, GridPlanItem item, Dictionary<string, string> hashes)
    {
        if (!hashes.TryGetValue(method.Key, out string? hash))
        {
            using var train = data.Train.SelectModalities(method.ModalitiesFrom(data.Train.ModalityNames));
            hashes[method.Key] = hash = TrainedModelCache.ContentHash(train);
        }
        var keys = item.Members.Select(m => TrainedModelCache.Key(method, m.LatentDim, m.Seed, options, hash)).ToArray();
        for (int k = 0; k < keys.Length; k++)
            if (keys[k].Name != item.Members[k].Key)
                throw new InvalidOperationException($"Model {item.Members[k].Method} d={item.Members[k].LatentDim} seed {item.Members[k].Seed}: this build (package {PackageInfo.Version}) " +
                    $"keys it {keys[k].Name}, the plan {item.Members[k].Key}; the plan was made by another package version or on other data. Plan the run again with this build.");
        return keys;
    }
}
