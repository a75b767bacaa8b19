using Normative.Data;
using Normative.Deviation;
using Normative.Models;
using static TorchSharp.torch;

namespace Normative.Training;

/// <summary>Scores subjects with a trained model: latent, reconstructions and per-region errors.</summary>
public static class Scorer
{
    /// <summary>
    /// Encodes each subject from the modalities it has (subset posterior), takes the posterior mean or
    /// a seeded sample as its latent, reconstructs every modality (<see cref="MultimodalVae.Reconstruct"/>:
    /// the decoders at that latent for most models) and measures the per-region error against the input. Runs in eval mode without gradients; the model's mode is restored.
    /// </summary>
    public static SubjectScores Score(MultimodalVae model, SubjectTensors data, ScoringOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        options ??= new ScoringOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options.BatchSize));
        int n = data.Count, d = model.LatentDim, modalities = data.ModalityCount;
        var latent = new double[n, d];
        var reconstructions = data.FeatureCounts.Select(p => new double[n, p]).ToArray();
        var errors = data.FeatureCounts.Select(p => new double[n, p]).ToArray();
        var observed = new bool[n, modalities];

        // A CPU generator: the same seed gives the same sample on every device.
        using var generator = new Generator((ulong)options.Seed, CPU);
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            for (int start = 0; start < n; start += options.BatchSize)
            {
                int size = Math.Min(options.BatchSize, n - start);
                using var scope = NewDisposeScope();
                var index = arange(start, start + size, ScalarType.Int64, data.Covariates.device);
                var batch = ModelBatch.From(data).Rows(index);
                batch = new ModelBatch(batch.Modalities.Select(t => t.to(model.Device)).ToArray(),
                    batch.Covariates.to(model.Device), batch.Observed.to(model.Device));
                var posterior = model.Posterior(batch);
                var z = options.Latent switch
                {
                    LatentEstimate.Mean => posterior.Mean(),
                    LatentEstimate.Sample => posterior.Sample(generator),
                    _ => throw new ArgumentOutOfRangeException(nameof(options), options.Latent, "Unknown latent estimate."),
                };
                var decoded = model.Reconstruct(batch, z);
                Copy(z, latent, start);
                var mask = batch.Observed.cpu().data<bool>().ToArray();
                for (int i = 0; i < size; i++)
                    for (int m = 0; m < modalities; m++) observed[start + i, m] = mask[i * modalities + m];
                for (int m = 0; m < modalities; m++)
                {
                    var difference = batch.Modalities[m] - decoded[m];
                    var error = options.Error switch
                    {
                        RegionalErrorKind.Squared => difference.square(),
                        RegionalErrorKind.Absolute => difference.abs(),
                        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Error, "Unknown error measure."),
                    };
                    error = error.masked_fill(batch.Observed[.., m].logical_not().unsqueeze(1), double.NaN);
                    Copy(decoded[m], reconstructions[m], start);
                    Copy(error, errors[m], start);
                }
            }
        }
        finally
        {
            model.train(wasTraining);
        }
        return new SubjectScores(data.SubjectIds, data.ModalityNames, latent, reconstructions, errors, observed, options.Error);
    }

    /// <summary>
    /// Mean squared reconstruction error over every observed (subject, region) entry, decoding the
    /// posterior mean: the validation measure used to choose the default preset.
    /// </summary>
    public static double ReconstructionMse(MultimodalVae model, SubjectTensors data)
    {
        var scores = Score(model, data);
        double sum = 0;
        long count = 0;
        foreach (var e in scores.Errors)
        {
            foreach (var x in e)
            {
                if (double.IsNaN(x)) continue;
                sum += x;
                count++;
            }
        }
        return count == 0 ? double.NaN : sum / count;
    }

    private static void Copy(Tensor source, double[,] target, int rowOffset)
    {
        var values = source.to_type(ScalarType.Float64).cpu().data<double>().ToArray();
        int rows = (int)source.shape[0], columns = (int)source.shape[1];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) target[rowOffset + i, j] = values[i * columns + j];
    }
}
