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
        var cells = Cells(options);
        var reporter = new ProgressReporter(progress, options.RunCount);
        var runs = WorkerPool.Run(cells, options.Parallelism,
            (cell, token) => ModelEvaluator.Run(data, cell.Method, cell.LatentDim, cell.Seed, options, reporter.For(cell), token),
            run => run.Dispose(), cancellationToken);
        return new GridResult(options, runs);
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
