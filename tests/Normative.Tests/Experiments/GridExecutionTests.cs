using Normative.Data.Synthetic;
using Normative.Deviation;
using Normative.Experiments;

namespace Normative.Tests.Experiments;

public sealed class GridExecutionTests
{
    private static ExperimentData SmallCohort() => ExperimentData.From(
        SyntheticCohortGenerator.Generate(new SyntheticCohortOptions { Seed = 5, Sizes = new CohortSizes(40, 10, 10, 10, 10) }).Cohort);

    private static GridOptions SmallGrid(params string[] methods) => new()
    {
        Methods = MethodCatalogue.Select(methods),
        LatentSizes = [2, 3],
        Seeds = [0, 1],
        Epochs = 2,
        Conventions = DeviationConventions.Default,
    };

    [Fact]
    public void StackedSeedsGiveTheRunsEachSeedGivesAlone()
    {
        using var data = SmallCohort();
        var grid = SmallGrid("mmsivae-mopoe", "vae", "mmjsd") with { Workers = 1 };
        // mmsivae and vae stack their two seeds; mmjsd cannot and falls back to one seed at a time.
        Assert.Equal([2, 2, 2, 2, 1, 1, 1, 1], GridRunner.WorkItems(grid).Select(item => item.Count));
        using var alone = GridRunner.Run(data, grid with { Stack = false });
        using var stacked = GridRunner.Run(data, grid);
        Assert.Equal(12, stacked.Runs.Count);
        // Tolerance: float rounding of batched against plain matrix products over 2 epochs (see StackedTrainingTests).
        foreach (var (a, s) in alone.Runs.Zip(stacked.Runs)) RunAssert.Same(a, s, 1e-4);
    }

    [Fact]
    public void ARerunLoadsTheCachedModelsAndGivesTheSameResults()
    {
        using var data = SmallCohort();
        using var folder = new TemporaryFolder();
        var grid = SmallGrid("mmvae-mopoe", "mmjsd") with { CacheFolder = folder.Path };
        using var first = GridRunner.Run(data, grid);
        Assert.Equal(8, Directory.GetDirectories(folder.Path).Length);
        using var again = GridRunner.Run(data, grid);
        foreach (var (a, b) in first.Runs.Zip(again.Runs))
        {
            RunAssert.Same(a, b);
            // A retrained model would have its own training time; a loaded one carries the saved time.
            Assert.Equal(a.TrainingTime, b.TrainingTime);
        }
        // Any change to the configuration is another key: nothing is reused.
        using var longer = GridRunner.Run(data, grid with { Epochs = 3, Methods = MethodCatalogue.Select(["mmjsd"]), LatentSizes = [2], Seeds = [0] });
        Assert.Equal(9, Directory.GetDirectories(folder.Path).Length);
        Assert.Equal(3, longer.Runs[0].History.Losses.Count);
    }

    [Fact]
    public void ProgressCountsEpochsOverTheWholeGrid()
    {
        using var data = SmallCohort();
        var reports = new List<GridProgress>();
        var progress = new Collect(reports);
        using var result = GridRunner.Run(data, SmallGrid("vae", "mmjsd"), progress);
        // 8 runs (stacked or not) x 2 epochs, reported one at a time in order.
        Assert.Equal(Enumerable.Range(1, 16).Select(i => (long)i), reports.Select(r => r.EpochsDone));
        Assert.All(reports, r => Assert.Equal(8, r.TotalRuns));
    }

    [Fact]
    public void TheDefaultIsOneSingleThreadedWorkerAndOverridesAreChecked()
    {
        Assert.Equal(new GridParallelism(1, 1), GridParallelism.Resolve(null, null));
        Assert.Equal(new GridParallelism(2, 1), GridParallelism.Resolve(2, null));
        Assert.Equal(new GridParallelism(1, 2), GridParallelism.Resolve(null, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => GridParallelism.Resolve(0, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => GridParallelism.Resolve(null, 0));
    }

    private sealed class Collect(List<GridProgress> reports) : IProgress<GridProgress>
    {
        public void Report(GridProgress value) => reports.Add(value);
    }
}
