using Normative.Data;
using Normative.Data.Synthetic;

namespace Normative.Experiments.Grid;

/// <summary>
/// Makes a grid plan (<c>normative grid plan</c>, and the first step of <c>reproduce</c>): settles the cohort (the
/// synthetic one is generated once into the run folder), keys every model, bundles the work items into tasks of about
/// equal cost and writes <c>plan.json</c>. Planning the same options again rewrites nothing, so a rerun resumes.
/// </summary>
public static class GridPlanner
{
    /// <summary>Plans <paramref name="options"/> into <paramref name="runFolder"/> and opens the run.</summary>
    /// <param name="threads">Torch threads every model trains and is scored with (part of each model's key).</param>
    /// <param name="taskCount">Number of tasks; null: <see cref="GridTaskPacking.DefaultTaskCount"/>.</param>
    /// <param name="modelStore">Where tasks save models; null: <c>models/</c> inside the run folder.</param>
    public static GridRun Plan(ReproductionOptions options, string runFolder, int threads, int? taskCount = null, string? modelStore = null,
        Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(runFolder);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        if (taskCount is int n) ArgumentOutOfRangeException.ThrowIfLessThan(n, 1, nameof(taskCount));
        log ??= _ => { };
        string folder = Path.GetFullPath(runFolder);
        Directory.CreateDirectory(folder);

        var planOptions = GridPlanOptions.From(options, threads);
        // The keys are computed from the options as the tasks will read them back, so planner and tasks cannot disagree.
        var grid = planOptions.ToGridOptions();
        if (grid.RunCount == 0) throw new ArgumentException("The grid is empty: give at least one method, latent size and seed.", nameof(options));
        var cohort = SettleCohort(options, folder, log);
        string cohortPath = Path.IsPathRooted(cohort.Path) ? cohort.Path : Path.Combine(folder, cohort.Path);

        var items = GridRunner.WorkItems(grid);
        var planned = new List<GridPlanItem>(items.Count);
        var costs = new List<double>(items.Count);
        using (var data = ExperimentData.From(CohortLoader.Load(cohortPath), null))
        {
            var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var cells in items)
            {
                var method = cells[0].Method;
                if (!hashes.TryGetValue(method.Key, out string? hash))
                {
                    using var train = data.Train.SelectModalities(method.ModalitiesFrom(data.Train.ModalityNames));
                    hashes[method.Key] = hash = TrainedModelCache.ContentHash(train);
                }
                planned.Add(new GridPlanItem(cells.Count > 1, cells.Select(c =>
                    new GridPlanMember(c.Number, method.Key, c.LatentDim, c.Seed, TrainedModelCache.Key(method, c.LatentDim, c.Seed, grid, hash).Name)).ToArray()));
                costs.Add(GridCostModel.Cost(method.Model, cells.Count, grid.TrainingFor(cells[0].Seed).Epochs, grid.CrossFitFolds));
            }
        }

        var bundles = GridTaskPacking.Pack(costs, taskCount ?? GridTaskPacking.DefaultTaskCount(costs));
        var tasks = bundles.Select((bundle, t) => new GridPlanTask(t + 1, Math.Round(bundle.Sum(i => costs[i]), 3), bundle.Select(i => planned[i]).ToArray())).ToArray();
        var plan = new GridPlan(GridPlan.CurrentFormat, PackageInfo.Version, PackageInfo.TorchSharpVersion, cohort, planOptions,
            modelStore ?? "models", GridCostModel.Description, tasks);

        string planFile = Path.Combine(folder, GridPlan.FileName);
        string text = plan.ToJson();
        if (!File.Exists(planFile) || File.ReadAllText(planFile) != text)
        {
            // Markers of another plan's tasks mean nothing for this one (its models stay in the store, found by key).
            string tasksFolder = Path.Combine(folder, "tasks");
            if (File.Exists(planFile) && Directory.Exists(tasksFolder)) Directory.Delete(tasksFolder, recursive: true);
            AtomicFile.WriteAllText(planFile, text);
            log($"Planned {grid.RunCount} models in {tasks.Length} tasks ({items.Count} work items) -> {planFile}.");
        }
        else
        {
            log($"The plan {planFile} is unchanged ({tasks.Length} tasks); finished tasks are kept.");
        }
        return GridRun.Open(folder);
    }

    /// <summary>
    /// The given cohort with its hash, or the synthetic one generated into <c>cohort/</c> of the run folder (kept when an
    /// earlier plan generated the identical files, so tasks in flight never see it change).
    /// </summary>
    private static GridPlanCohort SettleCohort(ReproductionOptions options, string folder, Action<string> log)
    {
        if (options.CohortPath is { } given)
        {
            string path = Path.GetFullPath(given);
            return new GridPlanCohort(path, CohortHash.Of(path), null);
        }
        var synthetic = options.Synthetic;
        string target = Path.Combine(folder, "cohort");
        string partial = Path.Combine(folder, $".cohort.{Environment.ProcessId}.partial");
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        log($"Generating the synthetic cohort (seed {synthetic.Seed}, sizes {synthetic.Sizes}).");
        SyntheticCohortGenerator.Generate(synthetic).Write(partial);
        string hash = CohortHash.Of(partial);
        if (Directory.Exists(target) && CohortHash.Of(target) == hash)
        {
            Directory.Delete(partial, recursive: true);
        }
        else
        {
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            Directory.Move(partial, target);
        }
        return new GridPlanCohort("cohort", hash, new GridPlanSynthetic(synthetic.Seed, synthetic.Sizes.ToString() ?? "", synthetic.CalibrationControls));
    }
}
