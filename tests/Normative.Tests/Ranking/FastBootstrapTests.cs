using Normative.Ranking;

namespace Normative.Tests.Ranking;

/// <summary>
/// The bootstrap's fast path (replicates drawn once and shared, full and partial area in one walk) against the
/// reference path it replaced (a fresh draw per call, <see cref="RocSweep.Area"/> and <see cref="RocSweep.PartialArea"/>
/// walked separately): the same numbers bit for bit, not merely close.
/// </summary>
public sealed class FastBootstrapTests
{
    /// <summary>Scores rounded to a coarse grid so that many are tied, within and across groups.</summary>
    private static double[] Tied(Random random, int n, double shift) =>
        Enumerable.Range(0, n).Select(_ => Math.Round(4 * (random.NextDouble() + shift)) / 4).ToArray();

    private static double[] Continuous(Random random, int n, double shift) =>
        Enumerable.Range(0, n).Select(_ => random.NextDouble() + shift).ToArray();

    public static TheoryData<bool, double> Cases => new()
    {
        { true, 0.1 }, { false, 0.1 }, { true, 1.0 }, { false, 1.0 }, { true, 0.013 }, { false, 0.5 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Areas_in_one_walk_equal_the_separate_walks(bool ties, double maxFpr)
    {
        var random = new Random(5);
        var (controls, patients) = ties ? (Tied(random, 57, 0), Tied(random, 31, 0.3)) : (Continuous(random, 57, 0), Continuous(random, 31, 0.3));
        var sweep = new RocSweep(controls, patients);
        foreach (var weights in StratifiedBootstrap.Weights(57, 31, 200, seed: 3))
        {
            var (full, partial) = sweep.Areas(maxFpr, weights, 57, 31);
            Assert.Equal(sweep.Area(weights), full);
            Assert.Equal(sweep.PartialArea(maxFpr, weights), partial);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Discrimination_equals_the_reference_path(int seeds)
    {
        var random = new Random(17);
        var controls = Enumerable.Range(0, seeds).Select(_ => Tied(random, 80, 0)).ToArray();
        var patients = Enumerable.Range(0, seeds).Select(_ => Continuous(random, 45, 0.4)).ToArray();
        var scores = new SeedScores(controls, patients);
        var options = new BootstrapOptions(Replicates: 300, Seed: 12);

        var fast = Discrimination.Compute(scores, options, new BootstrapReplicates.Cache(options).For(80, 45));
        Assert.Equal(fast, Discrimination.Compute(scores, options));

        // The reference path: what Discrimination.Compute did before the fast path (a fresh draw, two walks per seed).
        var sweeps = scores.Sweeps();
        var aurocs = new List<double>();
        var partials = new List<double>();
        foreach (var weights in StratifiedBootstrap.Weights(80, 45, options.Replicates, options.Seed))
        {
            aurocs.Add(sweeps.Average(s => s.Area(weights)));
            partials.Add(PartialAreaUnderRoc.Standardise(sweeps.Average(s => s.PartialArea(options.MaxFpr, weights)), options.MaxFpr));
        }
        var (al, au) = StratifiedBootstrap.Percentiles(aurocs.ToArray(), options.Level);
        var (pl, pu) = StratifiedBootstrap.Percentiles(partials.ToArray(), options.Level);
        Assert.Equal((al, au, pl, pu), (fast.AurocLower, fast.AurocUpper, fast.PartialAurocLower, fast.PartialAurocUpper));
        Assert.Equal(sweeps.Average(s => s.Area()), fast.Auroc);
    }

    [Fact]
    public void Paired_difference_equals_the_reference_path()
    {
        var random = new Random(23);
        var method = new SeedScores([Tied(random, 70, 0), Tied(random, 70, 0)], [Tied(random, 40, 0.5), Tied(random, 40, 0.4)]);
        var reference = new SeedScores([Continuous(random, 70, 0)], [Continuous(random, 40, 0.2)]);
        var options = new BootstrapOptions(Replicates: 250, Seed: 4);

        var fast = PairedAurocDifference.Compute(method, reference, options, new BootstrapReplicates.Cache(options).For(70, 40));
        Assert.Equal(fast, PairedAurocDifference.Compute(method, reference, options));

        var (a, r) = (method.Sweeps(), reference.Sweeps());
        var replicates = StratifiedBootstrap.Weights(70, 40, options.Replicates, options.Seed)
            .Select(w => a.Average(s => s.Area(w)) - r.Average(s => s.Area(w))).ToArray();
        var (lower, upper) = StratifiedBootstrap.Percentiles(replicates, options.Level);
        double mean = replicates.Average();
        double se = Math.Sqrt(replicates.Sum(v => (v - mean) * (v - mean)) / (replicates.Length - 1));
        Assert.Equal((lower, upper, se), (fast.Lower, fast.Upper, fast.StandardError));
    }

    [Fact]
    public void The_cache_draws_once_per_pair_of_group_sizes()
    {
        var cache = new BootstrapReplicates.Cache(new BootstrapOptions(Replicates: 20, Seed: 1));
        Assert.Same(cache.For(10, 5), cache.For(10, 5));
        Assert.NotSame(cache.For(10, 5), cache.For(10, 6));
        Assert.Equal(StratifiedBootstrap.Weights(10, 6, 20, 1), cache.For(10, 6).Weights);
    }
}
