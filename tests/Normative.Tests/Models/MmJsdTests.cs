using Normative.Models;
using Normative.Tests.TestData;
using static TorchSharp.torch;

namespace Normative.Tests.Models;

public sealed class MmJsdTests
{
    [Fact]
    public void TheDynamicPriorIsTheWeightedGeometricMeanOfTheExpertsAndThePrior()
    {
        // d = 1, two experts N(2, 0.5) and N(-1, 2) and the prior N(0, 1), weights 1/3 each:
        // precision = (2 + 0.5 + 1)/3 = 7/6, mean = (2*2 + 0.5*(-1) + 0)/3 / (7/6) = 1.
        var experts = new GaussianParameters(tensor(new[] { 2f, -1f }, [2, 1, 1]), tensor(new[] { MathF.Log(0.5f), MathF.Log(2f) }, [2, 1, 1]));
        var both = tensor(new[] { true, true }, [1, 2]);
        var prior = MmJsd.DynamicPrior(experts, both);
        Assert.Equal(1.0, prior.Mu.item<float>(), 5);
        Assert.Equal(Math.Log(6.0 / 7.0), prior.LogVar.item<float>(), 5);

        // With the second modality missing: weights 1/2 over expert 1 and the prior, precision 1.5, mean 2*2/2/1.5.
        var first = MmJsd.DynamicPrior(experts, tensor(new[] { true, false }, [1, 2]));
        Assert.Equal(4.0 / 3.0, first.Mu.item<float>(), 5);
        Assert.Equal(Math.Log(1 / 1.5), first.LogVar.item<float>(), 5);
    }

    [Fact]
    public void TheJensenShannonTermIsZeroOnlyWhenEveryExpertIsThePrior()
    {
        var standard = new GaussianParameters(zeros(2, 3, 4), zeros(2, 3, 4));
        var observed = ones(3, 2, ScalarType.Bool);
        Assert.All(TensorAssert.Values(MmJsd.JensenShannon(standard, observed)), v => Assert.Equal(0.0, v, 6));
        var shifted = new GaussianParameters(full(2, 3, 4, 0.5f), zeros(2, 3, 4));
        Assert.All(TensorAssert.Values(MmJsd.JensenShannon(shifted, observed)), v => Assert.True(v > 0.01));
    }
}
