namespace Normative.Experiments;

/// <summary>Trains and evaluates every cell of a <see cref="GridOptions"/> grid, in method, latent, seed order.</summary>
public static class GridRunner
{
    /// <summary>Runs the grid; the result owns the trained models.</summary>
    public static GridResult Run(ExperimentData data, GridOptions options, IProgress<GridProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (options.RunCount == 0) throw new ArgumentException("The grid is empty: give at least one method, latent size and seed.", nameof(options));
        var runs = new List<ModelEvaluation>(options.RunCount);
        try
        {
            foreach (var method in options.Methods)
                foreach (int latent in options.LatentSizes)
                    foreach (int seed in options.Seeds)
                    {
                        int number = runs.Count + 1;
                        string key = $"{method.Key}-d{latent}-s{seed}";
                        var epochs = progress is null ? null
                            : new Progress(p => progress.Report(new GridProgress(number, options.RunCount, key, p.Epoch, p.TotalEpochs, p.Loss)));
                        runs.Add(ModelEvaluator.Run(data, method, latent, seed, options, epochs, cancellationToken));
                    }
        }
        catch
        {
            foreach (var run in runs) run.Dispose();
            throw;
        }
        // The no-model baseline (issue 21) needs no training: a separate, cheap path beside the models'.
        var baseline = options.IncludeBaseline ? BaselineEvaluation.Run(data, options.Conventions) : null;
        return new GridResult(options, runs, baseline);
    }

    /// <summary>Forwards epoch reports synchronously (System.Progress would post them to the thread pool, out of order).</summary>
    private sealed class Progress(Action<Training.TrainingProgress> report) : IProgress<Training.TrainingProgress>
    {
        public void Report(Training.TrainingProgress value) => report(value);
    }
}
