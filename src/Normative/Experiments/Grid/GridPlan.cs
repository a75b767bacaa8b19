using System.Text.Json;
using System.Text.Json.Serialization;
using Normative.Deviation;

namespace Normative.Experiments.Grid;

/// <summary>
/// A grid run's plan (<c>RUN/plan.json</c>, data-schemas/grid.schema.json, definition <c>plan</c>): the cohort and its
/// content hash, every option that decides the results, and the tasks — each a bundle of work items (a stack of seeds,
/// or one model) with the cache key of every model it trains. Tasks run anywhere in any order (<see cref="GridTaskRunner"/>);
/// <see cref="GridMerge"/> turns the finished run into exactly the results folder <c>reproduce</c> writes.
/// </summary>
/// <param name="Format">Always <see cref="CurrentFormat"/>; another value is refused when the plan is read.</param>
/// <param name="PackageVersion">The package that wrote the plan (it is also part of every model key).</param>
/// <param name="TorchsharpVersion">The TorchSharp the keys were computed for.</param>
/// <param name="Cohort">Where the cohort is and what its files hash to.</param>
/// <param name="Options">What the grid trains and how results are computed.</param>
/// <param name="ModelStore">The <see cref="TrainedModelCache"/> folder tasks save their models into; relative to the run folder unless absolute.</param>
/// <param name="CostModel">How task sizes were estimated (<see cref="GridCostModel.Description"/>).</param>
/// <param name="Tasks">The tasks, numbered 1..N in this order.</param>
public sealed record GridPlan(
    string Format,
    string PackageVersion,
    string TorchsharpVersion,
    GridPlanCohort Cohort,
    GridPlanOptions Options,
    string ModelStore,
    string CostModel,
    IReadOnlyList<GridPlanTask> Tasks)
{
    /// <summary>The plan format this build reads and writes.</summary>
    public const string CurrentFormat = "normative-grid-plan/1";

    /// <summary>The plan file's name inside a run folder.</summary>
    public const string FileName = "plan.json";

    /// <summary>Every member of every task, in grid (cell) order.</summary>
    [JsonIgnore]
    public IReadOnlyList<GridPlanMember> Members => Tasks.SelectMany(t => t.Items).SelectMany(i => i.Members).OrderBy(m => m.Cell).ToArray();

    /// <summary>Task <paramref name="number"/> (1-based), or an error naming the valid range.</summary>
    public GridPlanTask Task(int number) =>
        number >= 1 && number <= Tasks.Count ? Tasks[number - 1]
        : throw new ArgumentOutOfRangeException(nameof(number), number, $"The plan has tasks 1..{Tasks.Count}; there is no task {number}.");

    /// <summary>The plan as JSON text (snake_case, as every file the package writes).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, ResultFiles.Json) + "\n";

    /// <summary>Reads <paramref name="path"/>, refusing another format with both versions named.</summary>
    public static GridPlan Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} does not exist: make a plan first with `normative grid plan ... --out RUN`.", path);
        GridPlan? plan;
        try
        {
            plan = JsonSerializer.Deserialize<GridPlan>(File.ReadAllText(path), ResultFiles.Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a grid plan: {e.Message}", e);
        }
        if (plan is null) throw new InvalidDataException($"{path} is empty.");
        if (plan.Format != CurrentFormat)
            throw new InvalidDataException($"{path} has format '{plan.Format}', but this build (package {PackageInfo.Version}) reads '{CurrentFormat}': plan the run again with this build.");
        for (int i = 0; i < plan.Tasks.Count; i++)
            if (plan.Tasks[i].Task != i + 1) throw new InvalidDataException($"{path}: task {i + 1} is numbered {plan.Tasks[i].Task}; tasks must be numbered 1..N in order.");
        return plan;
    }
}

/// <summary>The cohort of a plan.</summary>
/// <param name="Path">Cohort folder or manifest; relative to the run folder unless absolute.</param>
/// <param name="Sha256">SHA-256 over the cohort folder's files (<see cref="CohortHash"/>); tasks and merge refuse a cohort that changed.</param>
/// <param name="Synthetic">How the synthetic cohort was generated; null for a cohort given by path.</param>
public sealed record GridPlanCohort(string Path, string Sha256, GridPlanSynthetic? Synthetic);

/// <summary>How a plan's synthetic cohort was generated (it is written once under the run folder; tasks read it from there).</summary>
public sealed record GridPlanSynthetic(int Seed, string Sizes, int CalibrationControls);

/// <summary>One task: work items trained one after another in one process.</summary>
/// <param name="Task">Its number, 1..N (a Slurm array index).</param>
/// <param name="Cost">Its estimated relative time (<see cref="GridCostModel"/>).</param>
public sealed record GridPlanTask(int Task, double Cost, IReadOnlyList<GridPlanItem> Items)
{
    /// <summary>The task's members in grid order.</summary>
    [JsonIgnore]
    public IReadOnlyList<GridPlanMember> Members => Items.SelectMany(i => i.Members).ToArray();
}

/// <summary>One work item: the seeds of one method and latent size trained as one stack, or a single model.</summary>
public sealed record GridPlanItem(bool Stacked, IReadOnlyList<GridPlanMember> Members);

/// <summary>One model of the grid.</summary>
/// <param name="Cell">Its number in method, latent size, seed order (1-based).</param>
/// <param name="Method">Its method key (<see cref="MethodSpec.Key"/>).</param>
/// <param name="Key">Its <see cref="TrainedModelCache"/> key: the model's folder in the store.</param>
public sealed record GridPlanMember(int Cell, string Method, int LatentDim, int Seed, string Key);

/// <summary>
/// The options of a grid run that decide its results (<see cref="ReproductionOptions"/> without the output folder,
/// the cohort and the execution strategy). Converting back gives the same <see cref="GridOptions"/>.
/// </summary>
/// <param name="Configuration">The label of the report ("quick", "full").</param>
/// <param name="Methods">Method keys in grid order.</param>
/// <param name="Preset">Preset name (<see cref="Training.TrainingPresets.Get"/>).</param>
/// <param name="Epochs">Override of the preset's epochs; null keeps it.</param>
/// <param name="LearningRate">Override of the preset's learning rate; null keeps it.</param>
/// <param name="BatchSize">Override of the preset's batch size; null keeps it.</param>
/// <param name="Threads">Torch threads every model trains and is scored with (part of its key).</param>
/// <param name="CrossFitFolds">K of a whole-pipeline cross-fit (<see cref="GridOptions.CrossFitFolds"/>): the tasks train each model's K fold
/// models, merge applies the cross-fit from them; null: none.</param>
public sealed record GridPlanOptions(
    string Configuration,
    IReadOnlyList<string> Methods,
    IReadOnlyList<int> LatentSizes,
    IReadOnlyList<int> Seeds,
    string Preset,
    int? Epochs,
    double? LearningRate,
    int? BatchSize,
    int Threads,
    string Device,
    bool Stack,
    bool IncludeBaseline,
    DeviationConventions Conventions,
    LatentToRegionOptions Mapping,
    int? CrossFitFolds = null)
{
    /// <summary>The plan options of <paramref name="options"/>, with <paramref name="threads"/> torch threads.</summary>
    public static GridPlanOptions From(ReproductionOptions options, int threads)
    {
        ArgumentNullException.ThrowIfNull(options);
        var grid = options.Grid;
        return new GridPlanOptions(options.Configuration, grid.Methods.Select(m => m.Key).ToArray(), grid.LatentSizes.ToArray(), grid.Seeds.ToArray(),
            grid.Preset.Name, grid.Epochs, grid.LearningRate, grid.BatchSize, threads, grid.Device, grid.Stack, grid.IncludeBaseline,
            grid.Conventions, options.Mapping, grid.CrossFitFolds);
    }

    /// <summary>The grid these options describe.</summary>
    public GridOptions ToGridOptions() => new()
    {
        Methods = MethodCatalogue.Select(Methods),
        LatentSizes = LatentSizes,
        Seeds = Seeds,
        Preset = Training.TrainingPresets.Get(Preset),
        Epochs = Epochs,
        LearningRate = LearningRate,
        BatchSize = BatchSize,
        Threads = Threads,
        Device = Device,
        Stack = Stack,
        IncludeBaseline = IncludeBaseline,
        Conventions = Conventions,
        CrossFitFolds = CrossFitFolds,
    };

    /// <summary>The reproduction these options describe, writing to <paramref name="outputFolder"/>.</summary>
    public ReproductionOptions ToReproductionOptions(string outputFolder, string? cohortPath) => new()
    {
        OutputFolder = outputFolder,
        CohortPath = cohortPath,
        Configuration = Configuration,
        Grid = ToGridOptions(),
        Mapping = Mapping,
    };
}
