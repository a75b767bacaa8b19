using System.Text.Json;
using Normative.Deviation;
using Normative.Experiments;
using Normative.Experiments.Grid;

namespace Normative.Tests.Experiments.Grid;

/// <summary>Task sizing (longest processing time first) and the plan's options, which must read back as written.</summary>
public sealed class GridPlanningTests
{
    /// <summary>
    /// Hand-computed LPT: items of cost 5, 4, 3, 3, 3 into 2 tasks — 5 to task A, 4 to B, then each 3 to the lighter:
    /// B (7), A (8), B (10). A = items {0, 3}, B = {1, 2, 4}; tasks listed by their first item.
    /// </summary>
    [Fact]
    public void PackingIsLongestProcessingTimeFirstAndDeterministic()
    {
        double[] costs = [5, 4, 3, 3, 3];
        var tasks = GridTaskPacking.Pack(costs, 2);
        Assert.Equal(2, tasks.Count);
        Assert.Equal([0, 3], tasks[0]);
        Assert.Equal([1, 2, 4], tasks[1]);
        // More tasks than items: one item each; ties keep grid order.
        Assert.Equal([[0], [1], [2]], GridTaskPacking.Pack([1.0, 1.0, 1.0], 5).Select(t => t.ToArray()));
        Assert.Throws<ArgumentOutOfRangeException>(() => GridTaskPacking.Pack(costs, 0));
    }

    /// <summary>Default task count = ceil(total / largest item), capped by the number of items: 18 / 5 -> 4.</summary>
    [Fact]
    public void TheDefaultTaskCountMakesNoTaskLongerThanTheLargestItemNeedsTo()
    {
        Assert.Equal(4, GridTaskPacking.DefaultTaskCount([5, 4, 3, 3, 3]));
        Assert.Equal(1, GridTaskPacking.DefaultTaskCount([7]));
        Assert.Equal(3, GridTaskPacking.DefaultTaskCount([1, 1, 1]));
        Assert.Equal(0, GridTaskPacking.DefaultTaskCount([]));
    }

    [Fact]
    public void TheCostModelWeighsEpochsMembersAndTheModel()
    {
        Assert.Equal(60 * 5 * 5.6, GridCostModel.Cost("mmsivae", 5, 60), 9);
        Assert.Equal(10, GridCostModel.Cost("vae", 1, 10), 9);
        Assert.Equal(1.0, GridCostModel.StepWeight("a-model-not-listed"));
    }

    [Fact]
    public void PlanOptionsReadBackAsTheGridTheyDescribe()
    {
        var options = ReproductionOptions.Quick() with
        {
            Grid = ReproductionOptions.Quick().Grid with
            {
                Methods = MethodCatalogue.Select(["mmsivae-mopoe", "sivae-mri"]),
                LatentSizes = [3, 5],
                Seeds = [0, 4],
                BatchSize = 32,
                Stack = false,
                Conventions = DeviationConventions.Paper,
            },
            Mapping = new LatentToRegionOptions { Procedure = MappingProcedure.Paper },
        };
        var planned = GridPlanOptions.From(options, threads: 2);
        var read = JsonSerializer.Deserialize<GridPlanOptions>(JsonSerializer.Serialize(planned, ResultFiles.Json), ResultFiles.Json)!;
        Assert.Equal(JsonSerializer.Serialize(planned, ResultFiles.Json), JsonSerializer.Serialize(read, ResultFiles.Json));
        var grid = read.ToGridOptions();
        Assert.Equal(options.Grid.Methods, grid.Methods);
        Assert.Equal(options.Grid.LatentSizes, grid.LatentSizes);
        Assert.Equal(options.Grid.Seeds, grid.Seeds);
        Assert.Equal(options.Grid.Conventions, grid.Conventions);
        Assert.Equal(options.Grid.TrainingFor(4) with { Threads = 2 }, grid.TrainingFor(4));
        Assert.Equal(options.Grid.Stack, grid.Stack);
        Assert.Equal(options.Mapping, read.ToReproductionOptions("out", null).Mapping);
        Assert.Equal("quick", read.Configuration);
    }
}
