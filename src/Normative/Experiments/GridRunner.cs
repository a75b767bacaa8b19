using static TorchSharp.torch;

namespace Normative.Experiments;

/// <summary>
/// Trains and evaluates every cell of a <see cref="GridOptions"/> grid in this process, one work item at a time on
/// <see cref="GridOptions.Threads"/> torch threads, keeping every model in memory (what the notebooks call). Results
/// come back in method, latent, seed order. <c>reproduce</c> runs the same cells through a grid plan instead
/// (<see cref="Grid.GridPlan"/>: tasks that save their models, worker processes, resumable), with the same numbers.
/// </summary>
/// <remarks>
/// No threads: with TorchSharp 0.107 parallel training threads in one process crash sporadically with a native error
/// (see <see cref="GridParallelism"/>); both cores are used by worker processes (<see cref="Grid.GridWorkers"/>).
/// </remarks>
public static class GridRunner
{
    /// <summary>Runs the grid; the result owns the trained models.</summary>
    public static GridResult Run(ExperimentData data, GridOptions options, IProgress<GridProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (options.RunCount == 0) throw new ArgumentException("The grid is empty: give at least one method, latent size and seed.", nameof(options));
        var reporter = new GridProgressReporter(progress, options.RunCount);
        var runs = new List<ModelEvaluation>(options.RunCount);
        int previous = get_num_threads();
        if ((options.Threads ?? options.Preset.Training.Threads) is int threads) set_num_threads(threads);
        try
        {
            foreach (var cells in WorkItems(options))
            {
                cancellationToken.ThrowIfCancellationRequested();
                runs.AddRange(Train(data, options, cells, reporter, cancellationToken));
            }
            // The no-model baseline (issue 21) needs no training: a separate, cheap path beside the models'.
            var baseline = options.IncludeBaseline ? BaselineEvaluation.Run(data, options.Conventions) : null;
            return new GridResult(options, runs, baseline);
        }
        catch
        {
            foreach (var run in runs) run.Dispose();
            throw;
        }
        finally
        {
            set_num_threads(previous);
        }
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

    /// <summary>Trains and evaluates one work item: one cell alone, or the cells of a stack together.</summary>
    private static IReadOnlyList<ModelEvaluation> Train(ExperimentData data, GridOptions options, IReadOnlyList<GridCell> cells,
        GridProgressReporter reporter, CancellationToken token)
    {
        var method = cells[0].Method;
        if (cells.Count > 1)
            return ModelEvaluator.RunStack(data, method, cells[0].LatentDim, cells.Select(c => c.Seed).ToArray(), options,
                cells.Select(reporter.For).ToArray(), token);
        return [ModelEvaluator.Run(data, method, cells[0].LatentDim, cells[0].Seed, options, reporter.For(cells[0]), token)];
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
}

/// <summary>One run of a grid: a method at one latent size and seed, numbered 1.. in grid order.</summary>
internal sealed record GridCell(int Number, MethodSpec Method, int LatentDim, int Seed)
{
    /// <summary>A file-name-safe name, e.g. "mmsivae-mopoe-d15-s0".</summary>
    public string Key => $"{Method.Key}-d{LatentDim}-s{Seed}";
}
