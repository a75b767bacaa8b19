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
    /// the decoders at that latent for most models) and measures the per-region error and the signed residual
    /// x - x̂ against the input. Runs in eval mode without gradients; the model's mode is restored.
    /// </summary>
    public static SubjectScores Score(MultimodalVae model, SubjectTensors data, ScoringOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        options ??= new ScoringOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options.BatchSize));
        int n = data.Count, d = model.LatentDim, modalities = data.ModalityCount;
        var latent = new double[n, d];
        var inputs = data.FeatureCounts.Select(p => new double[n, p]).ToArray();
        var reconstructions = data.FeatureCounts.Select(p => new double[n, p]).ToArray();
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
                    Copy(batch.Modalities[m], inputs[m], start);
                    Copy(decoded[m], reconstructions[m], start);
                }
            }
        }
        finally
        {
            model.train(wasTraining);
        }
        // One path for everything downstream: RegionalError.Residual / Compute, with the observed mask (NaN where unobserved).
        var observedRows = Enumerable.Range(0, modalities).Select(m => Enumerable.Range(0, n).Select(i => observed[i, m]).ToArray()).ToArray();
        var errors = Enumerable.Range(0, modalities).Select(m => RegionalError.Compute(inputs[m], reconstructions[m], options.Error, observedRows[m])).ToArray();
        var residuals = Enumerable.Range(0, modalities).Select(m => RegionalError.Residual(inputs[m], reconstructions[m], observedRows[m])).ToArray();
        return new SubjectScores(data.SubjectIds, data.ModalityNames, latent, reconstructions, errors, observed, options.Error, residuals);
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

    /// <summary>A 2-D tensor [rows, columns] as a new array (copied to the CPU in double precision).</summary>
    internal static double[,] ToArray(Tensor source)
    {
        var target = new double[source.shape[0], source.shape[1]];
        Copy(source, target, 0);
        return target;
    }

    private static void Copy(Tensor source, double[,] target, int rowOffset)
    {
        var values = source.to_type(ScalarType.Float64).cpu().data<double>().ToArray();
        int rows = (int)source.shape[0], columns = (int)source.shape[1];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) target[rowOffset + i, j] = values[i * columns + j];
    }
}
