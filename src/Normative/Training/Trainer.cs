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
        if (model.Members != 1) throw new ArgumentException($"The model is a stack of {model.Members}; train it with {nameof(FitStack)}.", nameof(model));
        return Run(model, train, options, [options.Seed], [progress], cancellationToken, validation)[0];
    }

    /// <summary>
    /// Trains a stack of models (<see cref="ModelSpec.MemberSeeds"/>) together: member k seeds its own torch generator
    /// and batch shuffling with its own seed <c>MemberSeeds[k]</c> (as <see cref="Fit"/> would with that seed; the
    /// options' <see cref="TrainingOptions.Seed"/> is not used), so each member follows the run it would have alone.
    /// </summary>
    /// <param name="progress">Per member (or null), told after every epoch with that member's loss.</param>
    /// <returns>Each member's history, in member order.</returns>
    public static IReadOnlyList<TrainingHistory> FitStack(MultimodalVae model, SubjectTensors train, TrainingOptions options,
        IReadOnlyList<IProgress<TrainingProgress>?>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var seeds = model.Spec.MemberSeeds ?? [options.Seed];
        if (progress is not null && progress.Count != seeds.Count)
            throw new ArgumentException($"{progress.Count} progress sinks for {seeds.Count} stack members.", nameof(progress));
        return Run(model, train, options, seeds, progress ?? new IProgress<TrainingProgress>?[seeds.Count], cancellationToken, validation: null);
    }

    /// <summary>The training loop of one model or a stack: one seed, generator, shuffle and history per member.</summary>
    private static TrainingHistory[] Run(MultimodalVae model, SubjectTensors train, TrainingOptions options, IReadOnlyList<int> seeds,
        IReadOnlyList<IProgress<TrainingProgress>?> progress, CancellationToken cancellationToken, SubjectTensors? validation)
    {
        ArgumentNullException.ThrowIfNull(train);
        options.Validate();
        if (train.Count == 0) throw new ArgumentException("There are no training subjects.", nameof(train));
        int members = seeds.Count;
        if (members != model.Members) throw new ArgumentException($"{members} seeds for a model of {model.Members} members.", nameof(seeds));
        if (validation is not null && members != 1) throw new ArgumentException("Validation error is recorded for single models only.", nameof(validation));

        // Torch's thread count is process state a notebook keeps using after training: put it back when done.
        int previousThreads = get_num_threads();
        if (options.Threads is int threads) set_num_threads(threads);

        // Each run owns its generator (CPU, so a seed gives the same numbers on every device): other threads
        // drawing from torch's global generator cannot disturb it.
        var random = seeds.Select(seed => new Generator((ulong)seed, CPU)).ToArray();
        var shuffle = seeds.Select(seed => new Random(seed)).ToArray();
        var onDevice = train.Covariates.device == model.Device ? null : train.To(model.Device);
        var data = ModelBatch.From(onDevice ?? train);
        var epochs = Enumerable.Range(0, members).Select(_ => new List<EpochRecord>(options.Epochs)).ToArray();
        var clock = Stopwatch.StartNew();
        bool wasTraining = model.training;
        try
        {
            model.train();
            model.PrepareTraining(options.LearningRate);
            var order = Enumerable.Range(0, members).Select(_ => Enumerable.Range(0, train.Count).Select(i => (long)i).ToArray()).ToArray();
            var rows = new long[members * Math.Min(options.BatchSize, train.Count)];
            for (int epoch = 1; epoch <= options.Epochs; epoch++)
            {
                for (int k = 0; k < members; k++) shuffle[k].Shuffle(order[k]);
                var sums = Enumerable.Range(0, members).Select(_ => new Dictionary<string, double>()).ToArray();
                var counts = Enumerable.Range(0, members).Select(_ => new Dictionary<string, int>()).ToArray();
                var lossSum = new double[members];
                int batchNumber = 0;
                for (int start = 0; start < train.Count; start += options.BatchSize)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    batchNumber++;
                    int size = Math.Min(options.BatchSize, train.Count - start);
                    using var scope = NewDisposeScope();
                    // A stack's batch: member 0's rows, then member 1's, ... (see StackedLinear).
                    for (int k = 0; k < members; k++) order[k].AsSpan(start, size).CopyTo(rows.AsSpan(k * size, size));
                    var index = tensor(rows.AsSpan(0, members * size).ToArray(), device: model.Device);
                    var context = members == 1
                        ? new StepContext(epoch, batchNumber, random[0], options.Epochs)
                        : new StepContext(epoch, batchNumber, null, options.Epochs, random);
                    var result = model.TrainStep(data.Rows(index), context);
                    var perMember = result.Members ?? [result];
                    for (int k = 0; k < members; k++)
                    {
                        lossSum[k] += perMember[k].Loss * size;
                        foreach (var (name, value) in perMember[k].Terms)
                        {
                            sums[k][name] = sums[k].GetValueOrDefault(name) + value * size;
                            counts[k][name] = counts[k].GetValueOrDefault(name) + size;
                        }
                    }
                }
                double? validationMse = validation is null ? null : Scorer.ReconstructionMse(model, validation);
                model.train();
                for (int k = 0; k < members; k++)
                {
                    var record = new EpochRecord(epoch, lossSum[k] / train.Count,
                        sums[k].ToDictionary(kv => kv.Key, kv => kv.Value / counts[k][kv.Key]), validationMse, clock.Elapsed);
                    epochs[k].Add(record);
                    progress[k]?.Report(new TrainingProgress(epoch, options.Epochs, record.Loss, validationMse));
                }
            }
        }
        finally
        {
            model.train(wasTraining);
            onDevice?.Dispose();
            foreach (var generator in random) generator.Dispose();
            if (options.Threads is not null) set_num_threads(previousThreads);
        }
        return epochs.Select(e => new TrainingHistory(e)).ToArray();
    }
}
