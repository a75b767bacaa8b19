using System.Diagnostics;
using Normative.Data;
using Normative.Models;
using static TorchSharp.torch;

namespace Normative.Training;

/// <summary>Runs mini-batch training of any <see cref="MultimodalVae"/>.</summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="model"/> on <paramref name="train"/>: seeds the run's own torch generator and
    /// the batch shuffling with <see cref="TrainingOptions.Seed"/>, then for each epoch visits the subjects in a
    /// fresh random order, one <see cref="MultimodalVae.TrainStep"/> (inside one dispose scope) per batch.
    /// </summary>
    /// <param name="model">The model (its weights are updated in place).</param>
    /// <param name="train">Training subjects.</param>
    /// <param name="options">Epochs, learning rate, batch size, seed.</param>
    /// <param name="progress">Told after every epoch.</param>
    /// <param name="cancellationToken">Checked before every batch.</param>
    /// <param name="validation">Optional subjects whose reconstruction MSE is recorded after every epoch.</param>
    /// <exception cref="NonFiniteLossException">A loss term became NaN or infinite (names epoch, batch, term).</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static TrainingHistory Fit(MultimodalVae model, SubjectTensors train, TrainingOptions options,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default,
        SubjectTensors? validation = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        options.Validate();
        if (train.Count == 0) throw new ArgumentException("There are no training subjects.", nameof(train));
        // Torch's thread count is process state a notebook keeps using after training: put it back when done.
        int previousThreads = get_num_threads();
        if (options.Threads is int threads) set_num_threads(threads);

        // The run owns its generator (CPU, so a seed gives the same numbers on every device): other threads
        // drawing from torch's global generator cannot disturb it.
        using var random = new Generator((ulong)options.Seed, CPU);
        var shuffle = new Random(options.Seed);
        var onDevice = train.Covariates.device == model.Device ? null : train.To(model.Device);
        var data = ModelBatch.From(onDevice ?? train);
        var epochs = new List<EpochRecord>(options.Epochs);
        var clock = Stopwatch.StartNew();
        bool wasTraining = model.training;
        try
        {
            model.train();
            model.PrepareTraining(options.LearningRate);
            var order = Enumerable.Range(0, train.Count).Select(i => (long)i).ToArray();
            for (int epoch = 1; epoch <= options.Epochs; epoch++)
            {
                shuffle.Shuffle(order);
                var sums = new Dictionary<string, double>();
                var counts = new Dictionary<string, int>();
                double lossSum = 0;
                int batchNumber = 0;
                for (int start = 0; start < order.Length; start += options.BatchSize)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    batchNumber++;
                    int size = Math.Min(options.BatchSize, order.Length - start);
                    using var scope = NewDisposeScope();
                    var index = tensor(order.AsSpan(start, size).ToArray(), device: model.Device);
                    var result = model.TrainStep(data.Rows(index), new StepContext(epoch, batchNumber, random, options.Epochs));
                    lossSum += result.Loss * size;
                    foreach (var (name, value) in result.Terms)
                    {
                        sums[name] = sums.GetValueOrDefault(name) + value * size;
                        counts[name] = counts.GetValueOrDefault(name) + size;
                    }
                }
                double? validationMse = validation is null ? null : Scorer.ReconstructionMse(model, validation);
                model.train();
                var record = new EpochRecord(epoch, lossSum / order.Length,
                    sums.ToDictionary(kv => kv.Key, kv => kv.Value / counts[kv.Key]), validationMse, clock.Elapsed);
                epochs.Add(record);
                progress?.Report(new TrainingProgress(epoch, options.Epochs, record.Loss, validationMse));
            }
        }
        finally
        {
            model.train(wasTraining);
            onDevice?.Dispose();
            if (options.Threads is not null) set_num_threads(previousThreads);
        }
        return new TrainingHistory(epochs);
    }
}
