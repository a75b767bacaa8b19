using Normative.Models;
using Normative.Training;
using static TorchSharp.torch;

namespace Normative.Experiments;

/// <summary>A decoder's means x̂(z, c) per modality [n, p_m] for latents z [n, d] and covariates c [n, k].</summary>
public delegate IReadOnlyList<double[,]> LatentDecoder(double[,] latent, double[,] covariates);

/// <summary>
/// Decodes chosen latent points of a trained model for the latent-to-region mapping: the corrected procedure's
/// counterfactual x̂(z̄_C + P_S(z_i - z̄_C), c_i) - x̂(z̄_C, c_i), and the paper's decoding with the unselected
/// dimensions and every covariate at 0. Runs under no_grad in eval mode and restores the model's mode.
/// </summary>
public static class LatentDecoding
{
    /// <summary>
    /// Per modality [n, p_m]: e_i = x̂(z̄ + P_S(z_i - z̄), c_i) - x̂(z̄, c_i), the change of subject i's decoded input
    /// when the selected dimensions move from the control mean <paramref name="controlMean"/> to the subject's
    /// own values, everything else (the other dimensions at the control mean, the subject's real covariates) fixed.
    /// </summary>
    /// <param name="latent">Subject latents z_i [n, d].</param>
    /// <param name="covariates">Subject covariates c_i [n, c], encoded as the model was trained on them.</param>
    /// <param name="controlMean">z̄_C [d], the training controls' latent mean.</param>
    /// <param name="selectedDimensions">S, 1-based. Empty gives exactly 0 everywhere.</param>
    public static IReadOnlyList<double[,]> SelectedEffect(MultimodalVae model, double[,] latent, double[,] covariates,
        IReadOnlyList<double> controlMean, IReadOnlyList<int> selectedDimensions)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(latent);
        if (latent.GetLength(1) != model.LatentDim)
            throw new ArgumentException($"The latents have {latent.GetLength(1)} columns but the model's latent size is {model.LatentDim}.", nameof(latent));
        RequireCovariates(model, covariates, latent.GetLength(0));
        return SelectedEffect((z, c) => Decode(model, z, c), latent, covariates, controlMean, selectedDimensions);
    }

    /// <summary>
    /// <see cref="SelectedEffect(MultimodalVae, double[,], double[,], IReadOnlyList{double}, IReadOnlyList{int})"/> for any
    /// decoder (a test can pass a known linear one).
    /// </summary>
    public static IReadOnlyList<double[,]> SelectedEffect(LatentDecoder decoder, double[,] latent, double[,] covariates,
        IReadOnlyList<double> controlMean, IReadOnlyList<int> selectedDimensions)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(controlMean);
        ArgumentNullException.ThrowIfNull(covariates);
        var keep = Keep(latent, selectedDimensions);
        int n = latent.GetLength(0), d = latent.GetLength(1);
        if (controlMean.Count != d) throw new ArgumentException($"The control mean has {controlMean.Count} entries; the latents have {d} columns.", nameof(controlMean));
        if (covariates.GetLength(0) != n) throw new ArgumentException($"{covariates.GetLength(0)} covariate rows for {n} latents.", nameof(covariates));
        var moved = new double[n, d];
        var centre = new double[n, d];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < d; k++)
            {
                centre[i, k] = controlMean[k];
                moved[i, k] = keep[k] ? latent[i, k] : controlMean[k];
            }
        var shifted = decoder(moved, covariates);
        var baseline = decoder(centre, covariates);
        return shifted.Select((s, m) => Subtract(s, baseline[m])).ToArray();
    }

    /// <summary>
    /// The paper's decoding: <paramref name="latent"/> [n, d] with only <paramref name="selectedDimensions"/> (1-based)
    /// kept and every other dimension and every covariate set to 0; per modality the decoder means [n, p_m].
    /// </summary>
    public static IReadOnlyList<double[,]> ZeroingOthers(MultimodalVae model, double[,] latent, IReadOnlyList<int> selectedDimensions)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(latent);
        if (latent.GetLength(1) != model.LatentDim)
            throw new ArgumentException($"The latents have {latent.GetLength(1)} columns but the model's latent size is {model.LatentDim}.", nameof(latent));
        var keep = Keep(latent, selectedDimensions);
        int n = latent.GetLength(0), d = latent.GetLength(1);
        var kept = new double[n, d];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < d; k++) kept[i, k] = keep[k] ? latent[i, k] : 0;
        return Decode(model, kept, new double[n, model.Spec.CovariateCount]);
    }

    /// <summary>The decoder means x̂(z, c) per modality [n, p_m] for latents [n, d] and covariates [n, c].</summary>
    public static IReadOnlyList<double[,]> Decode(MultimodalVae model, double[,] latent, double[,] covariates)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(latent);
        RequireCovariates(model, covariates, latent.GetLength(0));
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var z = Tensor(latent).to(model.Device);
            var c = Tensor(covariates).to(model.Device);
            return model.Decode(z, c).Select(Scorer.ToArray).ToArray();
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    private static bool[] Keep(double[,] latent, IReadOnlyList<int> selectedDimensions)
    {
        ArgumentNullException.ThrowIfNull(latent);
        ArgumentNullException.ThrowIfNull(selectedDimensions);
        int d = latent.GetLength(1);
        var keep = new bool[d];
        foreach (int k in selectedDimensions)
        {
            if (k < 1 || k > d) throw new ArgumentOutOfRangeException(nameof(selectedDimensions), k, $"Dimensions are 1-based and at most {d}.");
            keep[k - 1] = true;
        }
        return keep;
    }

    private static void RequireCovariates(MultimodalVae model, double[,] covariates, int rows)
    {
        ArgumentNullException.ThrowIfNull(covariates);
        if (covariates.GetLength(0) != rows || covariates.GetLength(1) != model.Spec.CovariateCount)
            throw new ArgumentException(
                $"Covariates are [{covariates.GetLength(0)}, {covariates.GetLength(1)}]; expected [{rows}, {model.Spec.CovariateCount}] (one row per latent, the model's covariate width).",
                nameof(covariates));
    }

    /// <summary>A float32 tensor of <paramref name="values"/> (the models' dtype).</summary>
    private static Tensor Tensor(double[,] values)
    {
        int n = values.GetLength(0), k = values.GetLength(1);
        var flat = new float[n * k];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < k; j++) flat[i * k + j] = (float)values[i, j];
        return tensor(flat, [n, k], ScalarType.Float32);
    }

    private static double[,] Subtract(double[,] a, double[,] b)
    {
        var result = new double[a.GetLength(0), a.GetLength(1)];
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++) result[i, j] = a[i, j] - b[i, j];
        return result;
    }
}
