using Normative.Models;
using Normative.Tests.TestData;
using static TorchSharp.torch;

namespace Normative.Tests.Models;

public sealed class HamiltonianMonteCarloTests
{
    [Fact]
    public void RecoversTheMeanAndCovarianceOfACorrelatedGaussian()
    {
        // Target N(m, S), m = (1, -2), S = [[1, 0.6], [0.6, 0.5]]; log f = -1/2 (z - m)' S^-1 (z - m).
        double[] m = [1.0, -2.0];
        double s11 = 1.0, s12 = 0.6, s22 = 0.5, det = s11 * s22 - s12 * s12;
        var mean = tensor(m).to_type(ScalarType.Float32);
        var precision = tensor(new[] { s22 / det, -s12 / det, -s12 / det, s11 / det }, [2, 2]).to_type(ScalarType.Float32);
        Tensor LogF(Tensor z)
        {
            var centred = z - mean;
            return -0.5 * (centred.matmul(precision) * centred).sum(-1);
        }

        var sampler = new HamiltonianMonteCarlo(leapfrogSteps: 10, stepSize: 0.15, burnIn: 50, samples: 300);
        using var generator = new Generator(42, CPU);
        var result = sampler.Sample(LogF, zeros(100, 2), generator);
        var samples = result.Samples.reshape(-1, 2);   // 30,000 draws from 100 chains

        var estimate = TensorAssert.Values(samples.mean([0]));
        var centredSamples = samples - samples.mean([0]);
        var covariance = TensorAssert.Values(centredSamples.t().matmul(centredSamples) / samples.shape[0]);
        // Tolerances: 30,000 correlated draws (effective size several thousand): sd of the means about 0.02,
        // of the (co)variances about 3%; the bounds are roughly three of those.
        Assert.Equal(m[0], estimate[0], 0.06);
        Assert.Equal(m[1], estimate[1], 0.06);
        Assert.Equal(s11, covariance[0], 0.1);
        Assert.Equal(s12, covariance[1], 0.08);
        Assert.Equal(s22, covariance[3], 0.05);
        Assert.InRange(result.AcceptanceRate, 0.6, 1.0);

        // Seeded: the same generator seed gives the same chains.
        using var again = new Generator(42, CPU);
        TensorAssert.Close(result.Samples, sampler.Sample(LogF, zeros(100, 2), again).Samples, 0);
    }

    [Fact]
    public void TheStateReplacedEachIterationIsFreedAsTheChainsRun()
    {
        // log f of a standard normal; the callback records how many tensors this thread holds at each call.
        var live = new List<long>();
        Tensor LogF(Tensor z)
        {
            live.Add(TorchSharp.DisposeScopeManager.Statistics.ThreadTotalLiveCount);
            return -0.5 * z.square().sum(-1);
        }
        var sampler = new HamiltonianMonteCarlo(leapfrogSteps: 2, stepSize: 0.1, burnIn: 200, samples: 1);
        using var generator = new Generator(7, CPU);
        using var initial = zeros(4, 2);
        using var result = sampler.Sample(LogF, initial, generator).Samples;
        // Without freeing, the 200 burn-in iterations each left three tensors behind (600 more by the end);
        // with it the count stays flat after the first iterations.
        Assert.InRange(live[^1] - live[10], -5, 5);
    }
}
