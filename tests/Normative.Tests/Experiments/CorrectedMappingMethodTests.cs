using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using Normative.Data;
using Normative.Experiments;

namespace Normative.Tests.Experiments;

/// <summary>
/// The corrected latent-to-region mapping on a case with a known decoder: the regional effect it returns is the
/// planted one, with its sign, inside its bootstrap interval.
/// </summary>
public sealed class CorrectedMappingMethodTests
{
    // Regions x dimensions: region 1 rises with dimension 1, region 2 falls with it, region 3 ignores it.
    private static readonly double[,] Weights = { { 0.8, 0.5, 0.0 }, { -0.6, 0.0, 0.4 }, { 0.0, 0.7, 0.2 } };
    private static readonly double[] ControlMean = [0.5, -0.2, 0.1];
    private const double Shift = 1.0;

    /// <summary>x̂(z, c) = (W z)(1 + c) + 0.3 c: linear in z, scaled by the covariate so the covariates used matter.</summary>
    private static IReadOnlyList<double[,]> Decoder(double[,] z, double[,] c)
    {
        int n = z.GetLength(0);
        var x = new double[n, 3];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < 3; j++)
            {
                double wz = 0;
                for (int k = 0; k < 3; k++) wz += Weights[j, k] * z[i, k];
                x[i, j] = wz * (1 + c[i, 0]) + 0.3 * c[i, 0];
            }
        return [x];
    }

    /// <summary>Latents around the control mean (unit noise), patients shifted by <see cref="Shift"/> in dimension 1; covariate in [0, 1).</summary>
    private static (double[,] Latent, double[,] Covariates) Sample(int n, double shift, int seed)
    {
        var random = new MersenneTwister(seed);
        var z = new double[n, 3];
        var c = new double[n, 1];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < 3; k++) z[i, k] = ControlMean[k] + (k == 0 ? shift : 0) + Normal.Sample(random, 0, 1);
            c[i, 0] = random.NextDouble();
        }
        return (z, c);
    }

    [Fact]
    public void A_known_decoder_gives_back_the_planted_signed_effect()
    {
        var (patients, covariates) = Sample(300, Shift, seed: 1);
        var (controls, _) = Sample(120, 0, seed: 2);

        var selection = LatentToRegionMapping.SelectDimensions(ClinicalStage.Cdr1Plus, patients, controls, 0.05);
        Assert.Equal([1], selection.SelectedDimensions);

        var effects = LatentDecoding.SelectedEffect(Decoder, patients, covariates, ControlMean, selection.SelectedDimensions)[0];
        var (lower, upper) = Normative.Deviation.BootstrapMeanInterval.Compute(effects, seed: 3);
        var regions = LatentToRegionMapping.Effects(["up", "down", "flat"], effects, lower, upper, 0.05);

        // Exactly the decoder's counterfactual: mean_i W_j1 (z_i1 - zbar_1)(1 + c_i), other dimensions and the additive covariate term cancel.
        for (int j = 0; j < 3; j++)
        {
            double expected = Enumerable.Range(0, 300).Average(i => Weights[j, 0] * (patients[i, 0] - ControlMean[0]) * (1 + covariates[i, 0]));
            Assert.Equal(expected, regions[j].Effect, 12);
        }
        // The planted effect W_j1 * shift * E[1 + c] = W_j1 * 1.5 lies in the interval, with its sign.
        for (int j = 0; j < 2; j++)
        {
            double truth = Weights[j, 0] * Shift * 1.5;
            Assert.InRange(truth, regions[j].CiLower!.Value, regions[j].CiUpper!.Value);
            Assert.Equal(Math.Sign(truth), Math.Sign(regions[j].Effect));
            Assert.True(regions[j].Significant);
        }
        Assert.Equal(0, regions[2].Effect);
        Assert.False(regions[2].Significant);
    }

    [Fact]
    public void A_stage_with_fewer_than_two_patients_is_skipped_with_a_reason()
    {
        var selection = LatentToRegionMapping.SelectDimensions(ClinicalStage.Cdr05, new double[1, 3], new double[10, 3], 0.05);
        Assert.Empty(selection.SelectedDimensions);
        Assert.Contains("at least 2", selection.SkippedReason);
    }
}
