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
        var grid = SmallGrid("mmsivae-mopoe", "vae", "jnf");
        // mmsivae and vae stack their two seeds; jnf cannot (ModelRegistry says why) and falls back to one seed at a time.
        Assert.Equal([2, 2, 2, 2, 1, 1, 1, 1], GridRunner.WorkItems(grid).Select(item => item.Count));
        using var alone = GridRunner.Run(data, grid with { Stack = false });
        using var stacked = GridRunner.Run(data, grid);
        Assert.Equal(12, stacked.Runs.Count);
        // Tolerance: float rounding of batched against plain matrix products over 2 epochs (see StackedTrainingTests).
        foreach (var (a, s) in alone.Runs.Zip(stacked.Runs)) RunAssert.Same(a, s, 1e-4);
    }

    [Fact]
    public void AModelSavedInTheStoreScoresAsTheModelInMemory()
    {
        using var data = SmallCohort();
        using var folder = new TemporaryFolder();
        var grid = SmallGrid("mmvae-mopoe") with { LatentSizes = [2], Seeds = [0] };
        var method = grid.Methods[0];
        using var inMemory = ModelEvaluator.Run(data, method, 2, 0, grid);
        var store = new TrainedModelCache(folder.Path);
        using var train = data.Train.SelectModalities(method.ModalitiesFrom(data.Train.ModalityNames));
        var key = TrainedModelCache.Key(method, 2, 0, grid, TrainedModelCache.ContentHash(train));
        var trained = ModelEvaluator.Train(data, method, 2, 0, grid);
        using (trained.Model) store.Save(key, trained.Model, trained.History, trained.TrainingTime);
        Assert.True(store.Contains(key.Name));
        var loaded = store.TryLoad(key)!;
        using var fromStore = ModelEvaluator.EvaluateTrained(data, method, loaded.Model, loaded.History, loaded.TrainingTime, 0, grid.Conventions);
        // Exact: the same seed trains the same weights, and a checkpoint stores them bit for bit (GridRunner and
        // reproduce, which scores models from the store, give the same numbers).
        RunAssert.Same(inMemory, fromStore);
        // Any change to the configuration is another key.
        Assert.NotEqual(key.Name, TrainedModelCache.Key(method, 2, 0, grid with { Epochs = 3 }, TrainedModelCache.ContentHash(train)).Name);
        Assert.NotEqual(key.Name, TrainedModelCache.Key(method, 2, 0, grid with { Threads = 2 }, TrainedModelCache.ContentHash(train)).Name);
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
    public void TheDefaultIsOneSingleThreadedWorkerPerCoreAndOverridesAreChecked()
    {
        Assert.Equal(new GridParallelism(2, 1), GridParallelism.Resolve(null, null, cores: 2));
        Assert.Equal(new GridParallelism(1, 1), GridParallelism.Resolve(null, null, cores: 1));
        Assert.Equal(new GridParallelism(1, 2), GridParallelism.Resolve(1, null, cores: 2));
        Assert.Equal(new GridParallelism(3, 2), GridParallelism.Resolve(3, null, cores: 8));
        Assert.Equal(new GridParallelism(2, 3), GridParallelism.Resolve(null, 3, cores: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => GridParallelism.Resolve(0, null, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => GridParallelism.Resolve(null, 0, 2));
    }

    private sealed class Collect(List<GridProgress> reports) : IProgress<GridProgress>
    {
        public void Report(GridProgress value) => reports.Add(value);
    }
}
