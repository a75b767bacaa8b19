using Normative.Aggregation;
using Normative.Tests.TestData;
using static TorchSharp.torch;

namespace Normative.Tests.Aggregation;

public sealed class ProductOfExpertsTests
{
    /// <summary>
    /// Hand-computed products of 1-D Gaussian experts with the N(0, 1) prior expert:
    /// sigma^2 = 1 / (1 + sum_m 1/sigma_m^2), mu = sigma^2 sum_m mu_m / sigma_m^2.
    /// </summary>
    [Theory]
    // N(1, 1) x N(3, 1/4) x N(0, 1): precision 1 + 4 + 1 = 6, mean (1 + 12) / 6.
    [InlineData(1.0, 1.0, 3.0, 0.25, true, true, 13.0 / 6.0, 1.0 / 6.0)]
    // Second expert unobserved: N(1, 1) x N(0, 1): precision 2, mean 1/2.
    [InlineData(1.0, 1.0, 3.0, 0.25, true, false, 0.5, 0.5)]
    // Only the second: N(3, 1/4) x N(0, 1): precision 5, mean 12/5.
    [InlineData(1.0, 1.0, 3.0, 0.25, false, true, 2.4, 0.2)]
    // N(-2, 4) x N(2, 4) x N(0, 1): precision 1.5, mean 0.
    [InlineData(-2.0, 4.0, 2.0, 4.0, true, true, 0.0, 1.0 / 1.5)]
    public void MatchesTheClosedForm(double mu1, double var1, double mu2, double var2, bool has1, bool has2, double expectedMu, double expectedVar)
    {
        using var scope = NewDisposeScope();
        var mu = tensor(new[] { (float)mu1, (float)mu2 }).view(2, 1, 1);
        var logVar = tensor(new[] { (float)Math.Log(var1), (float)Math.Log(var2) }).view(2, 1, 1);
        var observed = tensor(new[] { has1, has2 }).view(1, 2);

        var q = new ProductOfExperts().Aggregate(mu, logVar, observed);

        Assert.Equal(1, q.ComponentCount);
        Assert.Equal(expectedMu, q.Mu.item<float>(), 5);
        Assert.Equal(expectedVar, Math.Exp(q.LogVar.item<float>()), 5);
    }

    [Fact]
    public void MatchesTheClosedFormComputedInDoublesForRandomExperts()
    {
        // Independent double-precision computation of the precision-weighted mean and summed precisions.
        var random = new Random(3);
        int m = 3, n = 4, d = 5;
        var mu = new float[m * n * d];
        var logVar = new float[m * n * d];
        for (int i = 0; i < mu.Length; i++) { mu[i] = (float)(random.NextDouble() * 4 - 2); logVar[i] = (float)(random.NextDouble() * 6 - 3); }
        using var scope = NewDisposeScope();
        var q = new ProductOfExperts().Aggregate(tensor(mu, [m, n, d]), tensor(logVar, [m, n, d]), ones(n, m, ScalarType.Bool));
        var actualMu = TensorAssert.Values(q.Mu);
        var actualLogVar = TensorAssert.Values(q.LogVar);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                double precision = 1, weighted = 0;
                for (int e = 0; e < m; e++)
                {
                    double t = Math.Exp(-logVar[(e * n + i) * d + j]);
                    precision += t;
                    weighted += t * mu[(e * n + i) * d + j];
                }
                Assert.Equal(weighted / precision, actualMu[i * d + j], 4);
                Assert.Equal(-Math.Log(precision), actualLogVar[i * d + j], 4);
            }
        }
    }

    [Fact]
    public void StaysFiniteForExtremeLogVariances()
    {
        using var scope = NewDisposeScope();
        var mu = tensor(new[] { 1f, 5f }).view(2, 1, 1);
        var logVar = tensor(new[] { -60f, 60f }).view(2, 1, 1);
        var q = new ProductOfExperts().Aggregate(mu, logVar, ones(1, 2, ScalarType.Bool));
        // The sharp expert (variance e^-60) dominates completely.
        Assert.Equal(1.0, q.Mu.item<float>(), 5);
        Assert.Equal(-60.0, q.LogVar.item<float>(), 3);
    }

    [Fact]
    public void RejectsASubjectWithNoObservedModality()
    {
        using var scope = NewDisposeScope();
        var error = Assert.Throws<ArgumentException>(() =>
            new ProductOfExperts().Aggregate(zeros(2, 3, 1), zeros(2, 3, 1), tensor(new[] { true, true, false, false, true, false }).view(3, 2)));
        Assert.Contains("row 2", error.Message);
    }
}
