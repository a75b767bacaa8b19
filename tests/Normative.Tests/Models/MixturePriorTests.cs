using Normative.Models;
using Normative.Tests.TestData;
using static TorchSharp.torch;

namespace Normative.Tests.Models;

public sealed class MixturePriorTests
{
    // Two modalities, three subjects, d = 2; subject 3 lacks modality 2.
    private static GaussianParameters Experts() => new(
        tensor(new float[] { 0.0f, 0.5f, 1.0f, -1.0f, 0.3f, 0.3f, /* modality 2 */ 1.5f, 0.5f, -0.5f, -1.2f, 9f, 9f }, [2, 3, 2]),
        tensor(new float[] { 0.0f, -1.0f, 0.5f, 0.2f, -0.3f, 0.0f, /* modality 2 */ -0.5f, 0.4f, 0.0f, -0.8f, 3f, 3f }, [2, 3, 2]));

    private static readonly Tensor Observed = tensor(new[] { true, true, true, true, true, false }, [3, 2]);

    [Fact]
    public void TheMonteCarloKlIsCloseToAHighSampleEstimate()
    {
        var experts = Experts();
        using var generator = new Generator(7, CPU);
        // Reference: 200,000 draws (standard error below 0.003 for these experts).
        var reference = TensorAssert.Values(MixturePrior.Kl(experts, Observed, MixturePrior.Sample(experts, 200_000, generator)));
        var estimate = TensorAssert.Values(MixturePrior.Kl(experts, Observed, MixturePrior.Sample(experts, 4_000, generator)));
        // 4,000 draws: the per-draw log-ratio has sd below 1.5 here, so the estimate's sd is below 0.025; 0.1 is four of them.
        for (int i = 0; i < reference.Length; i++) Assert.True(Math.Abs(reference[i] - estimate[i]) < 0.1, $"Entry {i}: {estimate[i]} vs {reference[i]}.");
        // KL(q_m || h) > 0 for distinct experts; h of subject 3 is its only observed expert, so both entries are 0.
        Assert.All(new[] { 0, 1, 3, 4 }, i => Assert.True(reference[i] > 0.05));
        Assert.Equal(0.0, reference[2], 6);
        Assert.Equal(0.0, reference[5], 6);
    }

    [Fact]
    public void TheKlIsZeroWhenTheUnimodalPosteriorsCoincide()
    {
        var one = Experts();
        var same = new GaussianParameters(stack([one.Mu[0], one.Mu[0]], 0), stack([one.LogVar[0], one.LogVar[0]], 0));
        using var generator = new Generator(3, CPU);
        var kl = TensorAssert.Values(MixturePrior.Kl(same, Observed, MixturePrior.Sample(same, 50, generator)));
        // log q_m(z) - logsumexp_m'(log q_m'(z) - log 2) = log q - (log q + log 2 - log 2) = 0 for every draw.
        Assert.All(kl, v => Assert.Equal(0.0, v, 5));
    }
}
