namespace Normative.Experiments;

/// <summary>
/// Trains and evaluates every cell of a <see cref="GridOptions"/> grid. Cells are independent and run on
/// <see cref="GridOptions.Parallelism"/> workers; results come back in method, latent, seed order and are the same
/// whatever the number of workers (each run owns its seeded generators).
/// </summary>
public static class GridRunner
{
    /// <summary>Runs the grid; the result owns the trained models.</summary>
    public static GridResult Run(ExperimentData data, GridOptions options, IProgress<GridProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (options.RunCount == 0) throw new ArgumentException("The grid is empty: give at least one method, latent size and seed.", nameof(options));
        var reporter = new ProgressReporter(progress, options.RunCount);
        var batches = WorkerPool.Run(WorkItems(options), options.Parallelism,
            (cells, token) => Train(data, options, cells, reporter, token),
            runs => { foreach (var run in runs) run.Dispose(); }, cancellationToken);
        // The no-model baseline (issue 21) needs no training: a separate, cheap path beside the models'.
        var baseline = options.IncludeBaseline ? BaselineEvaluation.Run(data, options.Conventions) : null;
        return new GridResult(options, batches.SelectMany(runs => runs).ToArray(), baseline);
    }

    /// <summary>
    /// The grid's cells grouped into work items: the seeds of one method and latent size together when they train as
    /// a stack (<see cref="GridOptions.Stack"/> and a stackable model), else one cell each. In grid order.
    /// </summary>
    internal static IReadOnlyList<IReadOnlyList<GridCell>> WorkItems(GridOptions options)
    {
        var items = new List<IReadOnlyList<GridCell>>();
        foreach (var group in Cells(options).GroupBy(c => (c.Method, c.LatentDim)))
        {
            var cells = group.ToArray();
            if (options.Stack && cells.Length > 1 && Models.ModelRegistry.Get(group.Key.Method.Model).Stackable) items.Add(cells);
            else items.AddRange(cells.Select(c => new[] { c }));
        }
        return items;
    }

    /// <summary>
    /// Trains and evaluates one work item: one cell alone, or the cells of a stack together. With a cache, cells already
    /// there are loaded instead, and every newly trained model is saved before it is scored.
    /// </summary>
    private static IReadOnlyList<ModelEvaluation> Train(ExperimentData data, GridOptions options, IReadOnlyList<GridCell> cells,
        ProgressReporter reporter, CancellationToken token)
    {
        var method = cells[0].Method;
        var results = new ModelEvaluation?[cells.Count];
        try
        {
            var cache = options.CacheFolder is null ? null : new TrainedModelCache(options.CacheFolder);
            CacheKey[]? keys = null;
            if (cache is not null)
            {
                using var train = data.Train.SelectModalities(method.ModalitiesFrom(data.Train.ModalityNames));
                string hash = TrainedModelCache.ContentHash(train);
                keys = cells.Select(c => TrainedModelCache.Key(c.Method, c.LatentDim, c.Seed, options, hash)).ToArray();
            }
            var toTrain = new List<int>();
            for (int i = 0; i < cells.Count; i++)
            {
                if (cache?.TryLoad(keys![i]) is { } cached)
                {
                    results[i] = ModelEvaluator.EvaluateTrained(data, method, cached.Model, cached.History, cached.TrainingTime, cells[i].Seed, options.Conventions, options, token);
                    var progress = reporter.For(cells[i]);
                    foreach (var epoch in cached.History.Epochs) progress?.Report(new Training.TrainingProgress(epoch.Epoch, cached.History.Epochs.Count, epoch.Loss, epoch.ValidationMse));
                }
                else
                {
                    toTrain.Add(i);
                }
            }
            ModelEvaluator.TrainedCallback? save = cache is null ? null
                : (seed, model, history, time) => cache.Save(keys![cells.Select((c, i) => (c, i)).First(p => p.c.Seed == seed).i], model, history, time);
            if (toTrain.Count > 1)
            {
                var evaluations = ModelEvaluator.RunStack(data, method, cells[0].LatentDim, toTrain.Select(i => cells[i].Seed).ToArray(), options,
                    toTrain.Select(i => reporter.For(cells[i])).ToArray(), token, save);
                for (int j = 0; j < toTrain.Count; j++) results[toTrain[j]] = evaluations[j];
            }
            else if (toTrain.Count == 1)
            {
                var cell = cells[toTrain[0]];
                results[toTrain[0]] = ModelEvaluator.Run(data, method, cell.LatentDim, cell.Seed, options, reporter.For(cell), token, save);
            }
            return results!;
        }
        catch
        {
            foreach (var result in results) result?.Dispose();
            throw;
        }
    }

    /// <summary>The grid's cells in method, latent size, seed order, numbered from 1.</summary>
    internal static IReadOnlyList<GridCell> Cells(GridOptions options)
    {
        var cells = new List<GridCell>(options.RunCount);
        foreach (var method in options.Methods)
            foreach (int latent in options.LatentSizes)
                foreach (int seed in options.Seeds)
                    cells.Add(new GridCell(cells.Count + 1, method, latent, seed));
        return cells;
    }

    /// <summary>Forwards epoch reports synchronously and one at a time (System.Progress would post them to the thread
    /// pool, out of order), counting epochs over the whole grid.</summary>
    private sealed class ProgressReporter(IProgress<GridProgress>? progress, int totalRuns)
    {
        private readonly Lock gate = new();
        private long epochsDone;

        public IProgress<Training.TrainingProgress>? For(GridCell cell) => progress is null ? null : new Forward(p =>
        {
            lock (gate)
            {
                epochsDone++;
                progress.Report(new GridProgress(cell.Number, totalRuns, cell.Key, p.Epoch, p.TotalEpochs, p.Loss, epochsDone));
            }
        });

        private sealed class Forward(Action<Training.TrainingProgress> report) : IProgress<Training.TrainingProgress>
        {
            public void Report(Training.TrainingProgress value) => report(value);
        }
    }
}

/// <summary>One run of a grid: a method at one latent size and seed, numbered 1.. in grid order.</summary>
internal sealed record GridCell(int Number, MethodSpec Method, int LatentDim, int Seed)
{
    /// <summary>A file-name-safe name, e.g. "mmsivae-mopoe-d15-s0".</summary>
    public string Key => $"{Method.Key}-d{LatentDim}-s{Seed}";
}
