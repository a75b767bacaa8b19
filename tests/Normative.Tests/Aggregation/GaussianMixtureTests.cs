using Normative.Aggregation;
using Normative.Tests.TestData;
using static TorchSharp.torch;

namespace Normative.Tests.Aggregation;

public sealed class GaussianMixtureTests
{
    [Fact]
    public void AnalyticKlOfOneGaussianMatchesTheHandValueAndAMonteCarloEstimate()
    {
        using var scope = NewDisposeScope();
        // KL(N((1, 0), diag(1, 4)) || N(0, I)) = 1/2 [(1 + 1 - 1 - 0) + (4 + 0 - 1 - ln 4)] = 1.3068528 (by hand).
        var q = GaussianMixture.Single(tensor(new[] { 1f, 0f }).view(1, 2), tensor(new[] { 0f, (float)Math.Log(4) }).view(1, 2));
        Assert.Equal(1.3068528, q.KlToPrior().item<float>(), 5);
        // Monte Carlo with 40000 draws: sd of log q - log p here is about 1.6, so the standard error is ~0.008.
        var mc = q.MonteCarloKl(40000, new Generator(11, CPU)).item<float>();
        Assert.InRange(mc, 1.3068528 - 0.04, 1.3068528 + 0.04);
    }

    [Fact]
    public void WeightedComponentKlBoundsTheMonteCarloMixtureKlAndIsExactForIdenticalComponents()
    {
        using var scope = NewDisposeScope();
        var g = new Generator(5, CPU);
        var mu = randn([3, 4, 2], generator: g);
        var logVar = randn([3, 4, 2], generator: g) * 0.3;
        var weights = full(4, 3, 1f / 3);
        var q = new GaussianMixture(weights, mu, logVar);
        var bound = TensorAssert.Values(q.KlToPrior());
        var mc = TensorAssert.Values(q.MonteCarloKl(20000, g));
        for (int i = 0; i < 4; i++) Assert.True(mc[i] <= bound[i] + 0.05, $"Subject {i}: MC {mc[i]} above the bound {bound[i]}.");

        var same = new GaussianMixture(weights, mu[..1].expand(3, 4, 2), logVar[..1].expand(3, 4, 2));
        var exact = TensorAssert.Values(same.KlToPrior());
        var sameMc = TensorAssert.Values(same.MonteCarloKl(20000, g));
        for (int i = 0; i < 4; i++) Assert.InRange(sameMc[i], exact[i] - 0.05, exact[i] + 0.05);
    }

    [Fact]
    public void MixtureMeanIsTheWeightedMeanOfComponentMeans()
    {
        using var scope = NewDisposeScope();
        var mu = tensor(new[] { 0f, 3f, 6f }).view(3, 1, 1);
        var q = new GaussianMixture(tensor(new[] { 0.5f, 0.25f, 0.25f }).view(1, 3), mu, zeros(3, 1, 1));
        Assert.Equal(0.5 * 0 + 0.25 * 3 + 0.25 * 6, q.Mean().item<float>(), 6);
    }

    [Fact]
    public void SamplesHaveTheComponentsMomentsAndAreSeeded()
    {
        using var scope = NewDisposeScope();
        // Two components at -5 and +5 with sd 0.5: stratified sampling puts exactly half of the rows at each.
        int n = 2000;
        var mu = cat([full(1, n, 1, -5f), full(1, n, 1, 5f)], 0);
        var logVar = full(2, n, 1, (float)Math.Log(0.25));
        var q = new GaussianMixture(full(n, 2, 0.5f), mu, logVar);
        var z = TensorAssert.Values(q.Sample(new Generator(1, CPU)));
        Assert.Equal(n / 2, z.Count(v => v > 0));
        var positive = z.Where(v => v > 0).ToArray();
        Assert.InRange(positive.Average(), 4.95, 5.05);
        Assert.InRange(Math.Sqrt(positive.Select(v => (v - 5) * (v - 5)).Average()), 0.46, 0.54);
        Assert.Equal(z, TensorAssert.Values(q.Sample(new Generator(1, CPU))));
        Assert.NotEqual(z, TensorAssert.Values(q.Sample(new Generator(2, CPU))));
    }
}
