namespace Normative.Experiments;

/// <summary>Forwards epoch reports synchronously and one at a time (System.Progress would post them to the thread
/// pool, out of order), counting epochs over the whole grid.</summary>
internal sealed class GridProgressReporter(IProgress<GridProgress>? progress, int totalRuns)
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
