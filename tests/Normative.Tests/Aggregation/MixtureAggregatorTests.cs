using Normative.Aggregation;
using Normative.Tests.TestData;
using static TorchSharp.torch;

namespace Normative.Tests.Aggregation;

public sealed class MixtureAggregatorTests
{
    private static (Tensor Mu, Tensor LogVar) Experts(int m, int n, int d, int seed)
    {
        var g = new Generator((ulong)seed, CPU);
        return (randn([m, n, d], generator: g), randn([m, n, d], generator: g) * 0.5);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 7)]
    [InlineData(4, 15)]
    public void MoPoEHasOneComponentPerNonEmptySubset(int modalities, int expected)
    {
        Assert.Equal(expected, MixtureOfProductsOfExperts.Subsets(modalities).Count);
        Assert.Equal(expected, new MixtureOfProductsOfExperts().ComponentCount(modalities));
        using var scope = NewDisposeScope();
        var (mu, logVar) = Experts(modalities, 4, 3, 1);
        Assert.Equal(expected, new MixtureOfProductsOfExperts().Aggregate(mu, logVar, ones(4, modalities, ScalarType.Bool)).ComponentCount);
    }

    [Fact]
    public void MoPoEWithTwoModalitiesListsBothSingletonsThenThePair()
    {
        var subsets = MixtureOfProductsOfExperts.Subsets(2);
        Assert.Equal([[0], [1], [0, 1]], subsets);
    }

    [Fact]
    public void MoPoEWithOnlyTheFullSubsetIsPoE()
    {
        using var scope = NewDisposeScope();
        var (mu, logVar) = Experts(3, 5, 4, 2);
        var all = ones(5, 3, ScalarType.Bool);
        var poe = new ProductOfExperts().Aggregate(mu, logVar, all);
        var mopoe = new MixtureOfProductsOfExperts(priorExpertInSubsets: true).Aggregate(mu, logVar, all, [[0, 1, 2]]);
        TensorAssert.Close(poe.Mu, mopoe.Mu, 1e-6);
        TensorAssert.Close(poe.LogVar, mopoe.LogVar, 1e-6);
        TensorAssert.Close(poe.Weights, mopoe.Weights, 0);
    }

    [Fact]
    public void MoPoEWithOnlySingletonsIsMoE()
    {
        using var scope = NewDisposeScope();
        var (mu, logVar) = Experts(3, 5, 4, 3);
        var observed = tensor(new[] { true, true, true, true, false, true, false, false, true, true, true, false, true, true, true }).view(5, 3);
        var moe = new MixtureOfExperts().Aggregate(mu, logVar, observed);
        var mopoe = new MixtureOfProductsOfExperts().Aggregate(mu, logVar, observed, [[0], [1], [2]]);
        TensorAssert.Close(moe.Mu, mopoe.Mu, 1e-6);
        TensorAssert.Close(moe.LogVar, mopoe.LogVar, 1e-6);
        TensorAssert.Close(moe.Weights, mopoe.Weights, 1e-7);
        TensorAssert.Close(moe.Mean(), mopoe.Mean(), 1e-6);
    }

    [Fact]
    public void ASubjectWithOneModalityGetsThatModalitysSubsetPosterior()
    {
        using var scope = NewDisposeScope();
        var (mu, logVar) = Experts(2, 3, 4, 4);
        var observed = tensor(new[] { true, true, true, false, false, true }).view(3, 2);
        var q = new MixtureOfProductsOfExperts().Aggregate(mu, logVar, observed);
        // Components: {0}, {1}, {0,1}. Row 1 has both, row 2 only modality 0, row 3 only modality 1.
        TensorAssert.Close(tensor(new[] { 1f / 3, 1f / 3, 1f / 3, 1f, 0f, 0f, 0f, 1f, 0f }).view(3, 3), q.Weights, 1e-7);
        TensorAssert.Close(mu[0, 1], q.Mean()[1], 1e-6);
        TensorAssert.Close(mu[1, 2], q.Mean()[2], 1e-6);
        // The subset posterior does not depend on the unobserved modality's values.
        var changed = mu.clone();
        changed[1, 1] = full(4, 100f);
        TensorAssert.Close(q.Mean()[1], new MixtureOfProductsOfExperts().Aggregate(changed, logVar, observed).Mean()[1], 0);
    }

    [Fact]
    public void MoEMeanIsTheAverageOfTheObservedMeans()
    {
        using var scope = NewDisposeScope();
        var (mu, logVar) = Experts(2, 2, 3, 5);
        var observed = tensor(new[] { true, true, false, true }).view(2, 2);
        var q = new MixtureOfExperts().Aggregate(mu, logVar, observed);
        TensorAssert.Close((mu[0, 0] + mu[1, 0]) / 2, q.Mean()[0], 1e-6);
        TensorAssert.Close(mu[1, 1], q.Mean()[1], 1e-6);
    }

    [Fact]
    public void AvgAveragesMeansAndStandardDeviations()
    {
        using var scope = NewDisposeScope();
        // Hand values: means 1 and 3 -> 2; sds 1 and 3 (variances 1, 9) -> sd 2, variance 4.
        var mu = tensor(new[] { 1f, 3f }).view(2, 1, 1);
        var logVar = tensor(new[] { 0f, (float)Math.Log(9) }).view(2, 1, 1);
        var q = new AverageOfExperts().Aggregate(mu, logVar, ones(1, 2, ScalarType.Bool));
        Assert.Equal(2.0, q.Mean().item<float>(), 5);
        Assert.Equal(Math.Log(4), q.LogVar.item<float>(), 5);
        var onlySecond = new AverageOfExperts().Aggregate(mu, logVar, tensor(new[] { false, true }).view(1, 2));
        Assert.Equal(3.0, onlySecond.Mean().item<float>(), 5);
        Assert.Equal(Math.Log(9), onlySecond.LogVar.item<float>(), 5);
    }

    [Theory]
    [InlineData("poe", AggregatorKind.PoE)]
    [InlineData("MoE", AggregatorKind.MoE)]
    [InlineData("mopoe", AggregatorKind.MoPoE)]
    [InlineData("avg", AggregatorKind.Avg)]
    public void ParsesNamesAndCreatesTheMatchingAggregator(string name, AggregatorKind kind)
    {
        Assert.Equal(kind, Aggregators.Parse(name));
        Assert.Equal(kind, Aggregators.Create(kind).Kind);
    }

    [Fact]
    public void RejectsAnUnknownAggregator()
    {
        Assert.Throws<ArgumentException>(() => Aggregators.Parse("sum"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Aggregators.Create((AggregatorKind)99));
    }
}
