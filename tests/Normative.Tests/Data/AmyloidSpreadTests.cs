using Normative.Data;
using Normative.Data.Synthetic;

namespace Normative.Tests.Data;

/// <summary>The staged amyloid pattern and the samplers it draws from.</summary>
public sealed class AmyloidSpreadTests
{
    private static (AmyloidSpread Spread, RegionSet Regions) Default()
    {
        var p = SyntheticCohortParameters.Default;
        var regions = RegionCatalogue.Default.Set(RegionSet.Mmsivae);
        var calibration = regions.Regions.Select(r => p.Region(r.Id)).ToArray();
        var summary = Enumerable.Range(0, regions.Count).Where(j => regions.Regions[j].InAmyloidSummary).ToArray();
        return (new AmyloidSpread(p, regions, calibration, summary), regions);
    }

    [Fact]
    public void AmyloidReachesEarlyRegionsFirst()
    {
        var (spread, regions) = Default();
        int precuneus = regions.IndexOf("lh_precuneus"), frontal = regions.IndexOf("lh_superiorfrontal"), precentral = regions.IndexOf("lh_precentral");
        // logistic((B - theta) / 0.05), thresholds 0 / 0.10 / 0.35: at B = 0.1, 1/(1+e^-2) = 0.881, 0.5, 1/(1+e^5) = 0.0067.
        Assert.Equal(0.8808, spread.Uptake(precuneus, 0.1), 4);
        Assert.Equal(0.5, spread.Uptake(frontal, 0.1), 12);
        Assert.Equal(0.0067, spread.Uptake(precentral, 0.1), 4);
        Assert.True(spread.Uptake(precentral, 0.6) > 0.99);
    }

    [Fact]
    public void BurdenForInvertsTheSummaryExcess()
    {
        var (spread, _) = Default();
        var jitter = spread.Jitter(new SeededSampler(7));
        foreach (double excess in new[] { 0.005, 0.1, 0.35, 0.9 })
        {
            double burden = spread.BurdenFor(excess, jitter);
            Assert.Equal(excess, spread.SummaryExcess(burden, jitter), 9);
        }
        Assert.Equal(0.0, spread.BurdenFor(-0.1, jitter));
    }

    [Fact]
    public void JitterHasMeanOneAndTheConfiguredSpread()
    {
        var (spread, regions) = Default();
        var rng = new SeededSampler(11);
        int left = regions.IndexOf("lh_precuneus"), right = regions.IndexOf("rh_precuneus");
        var draws = Enumerable.Range(0, 20_000).Select(_ => spread.Jitter(rng)).ToArray();
        var l = draws.Select(d => d[left]).ToArray();
        // Log-normal with mean 1 and coefficient of variation 0.30 (the parameter); log correlation 0.8 between homologues.
        Assert.InRange(Stats.Mean(l), 0.99, 1.01);
        Assert.InRange(Stats.Sd(l), 0.29, 0.31);
        Assert.InRange(Stats.Pearson(draws.Select(d => Math.Log(d[left])).ToArray(), draws.Select(d => Math.Log(d[right])).ToArray()), 0.78, 0.82);
    }

    // Closed-form moments: Gamma(k, theta) has mean k theta and variance k theta^2; Exponential(m) mean m, variance m^2.
    [Theory]
    [InlineData(0.7, 2.0)]
    [InlineData(4.2, 0.08)]
    [InlineData(1.0, 0.5)]
    public void GammaSamplerHasTheClosedFormMoments(double shape, double scale)
    {
        var rng = new SeededSampler(5);
        var x = Enumerable.Range(0, 200_000).Select(_ => rng.Gamma(shape, scale)).ToArray();
        double mean = shape * scale, variance = shape * scale * scale;
        // 5 standard errors of the sample mean and (roughly) of the sample variance.
        Assert.InRange(Stats.Mean(x), mean - 5 * Math.Sqrt(variance / x.Length), mean + 5 * Math.Sqrt(variance / x.Length));
        Assert.InRange(Stats.Sd(x) * Stats.Sd(x), 0.97 * variance, 1.03 * variance);
        Assert.All(x, v => Assert.True(v > 0));
    }

    [Fact]
    public void ExponentialSamplerHasTheClosedFormMean()
    {
        var rng = new SeededSampler(9);
        var x = Enumerable.Range(0, 200_000).Select(_ => rng.Exponential(0.04)).ToArray();
        Assert.InRange(Stats.Mean(x), 0.04 - 5 * 0.04 / Math.Sqrt(x.Length), 0.04 + 5 * 0.04 / Math.Sqrt(x.Length));
        Assert.Equal(0.0, rng.Exponential(0));
    }
}
