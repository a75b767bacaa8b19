using System.Diagnostics;
using Normative.Aggregation;
using Normative.Data;
using Normative.Data.Synthetic;
using Normative.Experiments;
using Normative.Models;
using Normative.Tests.TestData;
using Normative.Training;
using static TorchSharp.torch;

// Benchmarks for the models: see the project file for how to run them. Every run is seeded.
var mode = args.FirstOrDefault() ?? "steps";
int threads = args.Length > 1 ? int.Parse(args[1]) : 1;
set_num_threads(threads);
Console.WriteLine($"mode={mode} torch threads={threads} cores={Environment.ProcessorCount}");

(string Name, AggregatorKind? Aggregator)[] models =
[
    ("vae", null), ("sivae", null),
    ("mmvae", AggregatorKind.PoE), ("mmvae", AggregatorKind.MoE), ("mmvae", AggregatorKind.MoPoE),
    ("mmsivae", AggregatorKind.PoE), ("mmsivae", AggregatorKind.MoE), ("mmsivae", AggregatorKind.MoPoE),
    ("mmjsd", null), ("jmvae", null), ("mvtcae", null), ("mmvm", null), ("jnf", null), ("jnf-shared", null),
];
// "steps" and "heldout" take an optional comma-separated list of registry names (third argument for steps,
// fourth for heldout) to run only those models.
var only = (mode == "steps" ? args.ElementAtOrDefault(2) : args.ElementAtOrDefault(3))?.Split(',');
if (only is not null) models = models.Where(m => only.Contains(m.Name)).ToArray();

switch (mode)
{
    case "steps":
        Steps();
        break;
    case "select":
        Select();
        break;
    case "heldout":
        HeldOut(args.Length > 2 ? args[2] : "default");
        break;
    case "stack":
        StackSteps(args.ElementAtOrDefault(2) ?? "1,5,20", args.ElementAtOrDefault(3));
        break;
    case "profile":
        Profile(args.ElementAtOrDefault(2));
        break;
    case "stats":
        Statistics();
        break;
    case "grid":
        Grid(args.ElementAtOrDefault(2) ?? "mmvae-mopoe,mmsivae-mopoe,vae,sivae", int.Parse(args.ElementAtOrDefault(3) ?? "20"), int.Parse(args.ElementAtOrDefault(4) ?? "4"));
        break;
    default:
        throw new ArgumentException($"Unknown mode '{mode}'; expected steps, select, heldout, stack, grid, profile or stats.");
}

// Per-step time at d = 15, batch 64, 90 + 90 features.
void Steps()
{
    using var data = ToyCohort.Create(64, seed: 1, features1: 90, features2: 90);
    foreach (var (name, aggregator) in models)
    {
        using var model = ModelFactory.Create(name, aggregator, 15, data.FeatureCounts, data.CovariateCount, TrainingPresets.Default.ModelOptionsFor(name), seed: 1);
        model.PrepareTraining(1e-3);
        var batch = ModelBatch.From(data);
        for (int i = 0; i < 10; i++) Step(model, batch, 1, i);
        const int steps = 200;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < steps; i++) Step(model, batch, 1, i);
        string line = $"{Label(name, aggregator),-14} {clock.Elapsed.TotalMilliseconds / steps,8:F2} ms/step";
        if (model is Jnf)
        {
            // Two-stage models: epoch 1 of a 2-epoch run is stage 1, epoch 2 stage 2.
            clock.Restart();
            for (int i = 0; i < steps; i++) Step(model, batch, 2, i);
            line += $" (stage 1), {clock.Elapsed.TotalMilliseconds / steps,8:F2} ms/step (stage 2)";
        }
        Console.WriteLine(line);
    }

    static void Step(MultimodalVae model, ModelBatch batch, int epoch, int i)
    {
        using var scope = NewDisposeScope();
        model.TrainStep(batch, new StepContext(epoch, i + 1, Epochs: 2));
    }
}

// The validation run behind the 'default' preset: 200 of the synthetic cohort's 248 training controls train, the
// other 48 validate (the z-scoring was fitted on all 248; no held-out control or patient is used).
void Select()
{
    using var data = SyntheticCohort();
    using var train = data.Train.Select(Enumerable.Range(0, 200).Select(i => (long)i).ToArray());
    using var validation = data.Train.Select(Enumerable.Range(200, 48).Select(i => (long)i).ToArray());
    double[] rates = [1e-5, 1e-4, 1e-3, 3e-3];
    foreach (var (name, aggregator) in new[] { ("mmsivae", (AggregatorKind?)AggregatorKind.MoPoE), ("mmvae", AggregatorKind.MoPoE), ("sivae", null), ("vae", null) })
    {
        foreach (var lr in rates)
        {
            using var model = ModelFactory.Create(name, aggregator, 15, train.FeatureCounts, train.CovariateCount, TrainingPresets.Default.ModelOptionsFor(name), seed: 1);
            var history = Trainer.Fit(model, train, new TrainingOptions { Epochs = 500, LearningRate = lr, BatchSize = 64, Seed = 1 }, validation: validation);
            var mse = history.Epochs.Select(e => e.ValidationMse!.Value).ToArray();
            int best = Array.IndexOf(mse, mse.Min());
            string at(int epoch) => mse[epoch - 1].ToString("F4");
            Console.WriteLine($"{Label(name, aggregator),-14} lr={lr:G} val MSE @50={at(50)} @100={at(100)} @200={at(200)} @300={at(300)} @500={at(500)} min={mse[best]:F4} at epoch {best + 1} ({history.WallTime.TotalSeconds:F0} s)");
        }
    }
}

// Reconstruction MSE on the synthetic cohort's 48 held-out controls after a full run of a preset, for every model.
void HeldOut(string presetName)
{
    var preset = TrainingPresets.Get(presetName);
    using var data = SyntheticCohort();
    var (train, holdout) = (data.Train, data.Holdout);
    // Reference: predicting every region by its training mean.
    double baseline = train.Modalities.Zip(holdout.Modalities)
        .Sum(p => (p.Second - p.First.mean([0], keepdim: true)).square().sum().item<float>()) / (holdout.Count * train.FeatureCounts.Sum());
    Console.WriteLine($"training-mean predictor: held-out MSE={baseline:F4}");
    foreach (var (name, aggregator) in models)
    {
        using var model = ModelFactory.Create(name, aggregator, 15, train.FeatureCounts, train.CovariateCount, preset.ModelOptionsFor(name), seed: 1);
        var history = Trainer.Fit(model, train, preset.Training with { Seed = 1 });
        Console.WriteLine($"{Label(name, aggregator),-14} preset={preset.Name} held-out MSE={Scorer.ReconstructionMse(model, holdout):F4} train MSE={Scorer.ReconstructionMse(model, train):F4} final loss={history.Losses[^1]:F2} ({history.WallTime.TotalSeconds:F0} s)");
    }
}

// Per-member step time of every method of the paper's grid against stack size E (d = 15, batches of 64 training controls
// of the default cohort per member), then what the full grid's training would cost at the largest E's per-member rate:
// sum over methods of rate x (latent sizes x seeds) models x (epochs x batches per epoch) steps, over the cores. At
// large E the per-member rate stops falling (the per-operation overhead is paid once; what is left grows with the
// members' arithmetic), so this sum is the floor that stacking alone cannot go below on this machine (issue 17).
// Methods that do not stack (ModelRegistry) are timed at E = 1 and enter the sum at that rate.
void StackSteps(string sizes, string? methodKeys)
{
    using var data = SyntheticCohort();
    var stackSizes = sizes.Split(',').Select(int.Parse).ToArray();
    var grid = new GridOptions { Methods = methodKeys is null ? MethodCatalogue.Available : MethodCatalogue.Select(methodKeys.Split(',')) };
    var training = grid.TrainingFor(0);
    int batch = training.BatchSize;
    long stepsPerModel = training.Epochs * (long)Math.Ceiling(data.Train.Count / (double)batch);
    int modelsPerMethod = grid.LatentSizes.Count * grid.Seeds.Count;
    Console.WriteLine($"{"method",-16} " + string.Join(" ", stackSizes.Select(e => $"{"E=" + e,9}")) + "   (ms per member-step, d = 15, batch 64)");
    double floorSeconds = 0;
    foreach (var method in grid.Methods)
    {
        var modalities = method.ModalitiesFrom(data.Train.ModalityNames);
        using var train = data.Train.SelectModalities(modalities);
        bool stackable = ModelRegistry.Get(method.Model).Stackable;
        var cells = new List<string>();
        double largest = double.NaN;
        foreach (int e in stackSizes)
        {
            if (e > 1 && !stackable)
            {
                cells.Add($"{"-",9}");
                continue;
            }
            var spec = ModelFactory.Spec(method.Model, method.Aggregator, 15, train.FeatureCounts, train.CovariateCount, grid.ModelOptionsFor(method.Model), seed: 1, modalities);
            using var model = ModelFactory.Create(e == 1 ? spec : spec with { MemberSeeds = Enumerable.Range(1, e).ToArray() });
            model.PrepareTraining(1e-3);
            var generators = Enumerable.Range(1, e).Select(k => new Generator((ulong)k, CPU)).ToArray();
            using var index = arange(e * (long)batch) % batch;
            var rows = ModelBatch.From(train).Rows(index);
            void Step(int i)
            {
                using var scope = NewDisposeScope();
                // Epoch 2 of 2: past any warm-up, so the timed step is the method's full step.
                model.TrainStep(rows, e == 1 ? new StepContext(2, i + 1, generators[0], 2) : new StepContext(2, i + 1, null, 2, generators));
            }
            for (int i = 0; i < 5; i++) Step(i);
            int steps = Math.Max(20, 200 / e);
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < steps; i++) Step(i);
            largest = clock.Elapsed.TotalMilliseconds / steps / e;
            cells.Add($"{largest,9:F3}");
            foreach (var g in generators) g.Dispose();
        }
        floorSeconds += largest / 1000 * modelsPerMethod * stepsPerModel;
        Console.WriteLine($"{method.Key,-16} " + string.Join(" ", cells));
    }
    Console.WriteLine($"Full grid ({grid.Methods.Count} methods x {modelsPerMethod} models x {stepsPerModel} steps: {training.Epochs} epochs of " +
        $"{data.Train.Count} training controls): {floorSeconds:F0} s of training at the rates of the largest E, " +
        $"{floorSeconds / Environment.ProcessorCount:F0} s on {Environment.ProcessorCount} cores.");
}

// Wall time of the same grid (the synthetic cohort, d = 15, the given methods, epochs and seeds 0..n-1) under each
// execution strategy, in one process so the machine's load is as similar as can be; "identical" checks every run's
// weights against the first strategy's. (Parallel workers are processes now, GridWorkers; reproduce --workers measures them.)
void Grid(string methodKeys, int epochs, int seedCount)
{
    using var data = SyntheticCohort();
    var grid = new GridOptions
    {
        Methods = MethodCatalogue.Select(methodKeys.Split(',')),
        LatentSizes = [15],
        Seeds = Enumerable.Range(0, seedCount).ToArray(),
        Epochs = epochs,
    };
    Console.WriteLine($"grid: {string.Join(",", grid.Methods.Select(m => m.Key))}, d=15, {seedCount} seeds, {epochs} epochs = {grid.RunCount} runs");
    GridResult? reference = null;
    foreach (var (label, options) in new (string, GridOptions)[]
    {
        ("alone,   1 thread", grid with { Stack = false, Threads = 1 }),
        ("stacked, 1 thread", grid with { Stack = true, Threads = 1 }),
    })
    {
        var clock = Stopwatch.StartNew();
        var result = GridRunner.Run(data, options);
        double seconds = clock.Elapsed.TotalSeconds;
        double training = result.Runs.Sum(r => r.TrainingTime.TotalSeconds);
        string same = reference is null ? "reference" : MaxWeightDifference(reference, result).ToString("G3");
        Console.WriteLine($"{label,-30} wall {seconds,7:F1} s  (sum of per-run training {training,7:F1} s)  max |weight diff| vs reference: {same}");
        if (reference is null) reference = result;
        else result.Dispose();
    }
    reference?.Dispose();
}

// Where the wall time of `reproduce --quick` goes (the same configuration, one worker, in library calls): cohort, training,
// scoring and reference fitting (grid wall minus the runs' training time), each experiment, writing, figures. Optional
// argument: a comma-separated list of method keys to profile a smaller grid.
void Profile(string? methodKeys)
{
    string folder = Path.Combine(Path.GetTempPath(), $"normative-profile-{Environment.ProcessId}");
    var quick = ReproductionOptions.Quick(folder);
    var options = quick with { Grid = quick.Grid with { Threads = threads, Methods = methodKeys is null ? quick.Grid.Methods : MethodCatalogue.Select(methodKeys.Split(',')) } };
    var timings = new List<(string Step, double Seconds)>();
    var total = Stopwatch.StartNew();
    T Time<T>(string step, Func<T> run)
    {
        var clock = Stopwatch.StartNew();
        var value = run();
        timings.Add((step, clock.Elapsed.TotalSeconds));
        Console.WriteLine($"{step,-44} {clock.Elapsed.TotalSeconds,8:F1} s");
        return value;
    }
    var synthetic = Time("cohort (generate + write)", () =>
    {
        var generated = SyntheticCohortGenerator.Generate(options.Synthetic);
        generated.Write(Path.Combine(folder, "cohort"));
        return generated;
    });
    var data = Time("preprocess (ExperimentData)", () => ExperimentData.From(synthetic.Cohort, synthetic.GroundTruth));
    var gridClock = Stopwatch.StartNew();
    var grid = GridRunner.Run(data, options.Grid);
    double gridWall = gridClock.Elapsed.TotalSeconds, training = grid.Runs.Sum(r => r.TrainingTime.TotalSeconds);
    timings.Add(("grid: training (sum over runs)", training));
    timings.Add(("grid: scoring + reference fitting (rest)", gridWall - training));
    Console.WriteLine($"grid ({grid.Runs.Count} runs) wall {gridWall:F1} s: training {training:F1} s, scoring + reference fitting {gridWall - training:F1} s");
    var map = Time("experiment: latent-to-region mapping (Fig 5)", () => LatentToRegionMapping.Run(grid, data, options.Mapping));
    var table1 = Time("experiment: Table 1 (LR+)", () => LikelihoodRatioTable.Run(grid));
    var reconstruction = Time("experiment: control reconstruction (Fig 3)", () => ControlReconstruction.Run(grid, data));
    var histograms = Time("experiment: deviation histograms (Fig 4)", () => DeviationHistograms.Run(grid, data));
    var cognition = Time("experiment: cognition association", () => CognitionAssociation.Run(grid, data));
    var planted = Time("experiment: planted-truth validation", () => PlantedTruthValidation.Run(grid, data, map));
    var ranking = Time("experiment: ranking tables (bootstrap)", () => RankingTable.Run(grid, data));
    var experiments = new ExperimentResults(table1, reconstruction, histograms, map, cognition, planted, ranking);
    Time("write tables + subjects", () =>
    {
        experiments.Write(Path.Combine(folder, "tables"));
        return ScoredModalitiesCsv.Write(Path.Combine(folder, "subjects"), grid).Count();
    });
    var record = new RunRecord(options.Configuration, data.Cohort.Name, "synthetic", data.Cohort.Subjects.Count, options.Grid.Preset.Name,
        options.Grid.TrainingFor(0), options.Grid.Conventions, options.Grid.Methods.Select(m => m.Label).ToArray(), options.Grid.LatentSizes,
        options.Grid.Seeds, Normative.PackageInfo.Version, Normative.PackageInfo.TorchSharpVersion, Environment.Version.ToString(), DateTimeOffset.UtcNow, total.Elapsed.TotalSeconds, []);
    using var result = new ReproductionResult(options, data, grid, experiments, record);
    Time("figures (HTML + PNG)", () => Normative.Plots.ReproductionFigures.Write(result, Path.Combine(folder, "figures")));
    Time("report.md", () => ReportWriter.Write(result));
    Console.WriteLine($"{"total",-44} {total.Elapsed.TotalSeconds,8:F1} s   (results in {folder})");
}

// The statistics issue 17 sped up, fast path against the reference path it replaced, at the quick grid's sizes: one ranking
// row's bootstrap (2000 calibration controls against 726 patients, 1000 replicates, 1 and 5 seeds), the paired comparison,
// and the 10-fold cross-fitted threshold of a 248 x 180 Ledoit-Wolf reference. Each fast result is checked equal to the
// reference path's (bit for bit) before its time is printed.
void Statistics()
{
    var random = new Random(7);
    double[] Scores(int n, double shift) => Enumerable.Range(0, n).Select(_ => random.NextDouble() + shift).ToArray();
    var options = new Normative.Ranking.BootstrapOptions();
    foreach (int seedCount in new[] { 1, 5 })
    {
        var scores = new Normative.Ranking.SeedScores(Enumerable.Range(0, seedCount).Select(_ => Scores(2000, 0)).ToArray(), Enumerable.Range(0, seedCount).Select(_ => Scores(726, 0.3)).ToArray());
        var other = new Normative.Ranking.SeedScores([Scores(2000, 0)], [Scores(726, 0.2)]);
        const int rows = 8;
        var clock = Stopwatch.StartNew();
        (double, double, double, double) reference = default;
        for (int r = 0; r < rows; r++)
        {
            // The reference path: a fresh draw for every row, area and partial area in separate walks.
            var sweeps = scores.Sweeps();
            var aurocs = new List<double>();
            var partials = new List<double>();
            foreach (var weights in Normative.Ranking.StratifiedBootstrap.Weights(2000, 726, options.Replicates, options.Seed))
            {
                aurocs.Add(sweeps.Average(s => s.Area(weights)));
                partials.Add(Normative.Ranking.PartialAreaUnderRoc.Standardise(sweeps.Average(s => s.PartialArea(options.MaxFpr, weights)), options.MaxFpr));
            }
            var (al, au) = Normative.Ranking.StratifiedBootstrap.Percentiles(aurocs.ToArray(), options.Level);
            var (pl, pu) = Normative.Ranking.StratifiedBootstrap.Percentiles(partials.ToArray(), options.Level);
            reference = (al, au, pl, pu);
        }
        double slow = clock.Elapsed.TotalMilliseconds / rows;
        clock.Restart();
        var cache = new Normative.Ranking.BootstrapReplicates.Cache(options);
        Normative.Ranking.Discrimination? fast = null;
        for (int r = 0; r < rows; r++) fast = Normative.Ranking.Discrimination.Compute(scores, options, cache.For(2000, 726));
        double quick = clock.Elapsed.TotalMilliseconds / rows;
        if (reference != (fast!.AurocLower, fast.AurocUpper, fast.PartialAurocLower, fast.PartialAurocUpper)) throw new InvalidOperationException("The fast bootstrap differs from the reference path.");
        clock.Restart();
        for (int r = 0; r < rows; r++) Normative.Ranking.PairedAurocDifference.Compute(scores, other, options);
        double pairedFresh = clock.Elapsed.TotalMilliseconds / rows;
        clock.Restart();
        for (int r = 0; r < rows; r++) Normative.Ranking.PairedAurocDifference.Compute(scores, other, options, cache.For(2000, 726));
        double pairedCached = clock.Elapsed.TotalMilliseconds / rows;
        Console.WriteLine($"ranking row, {seedCount} seed(s): reference path {slow,8:F1} ms, fast (shared draws, one walk) {quick,8:F1} ms (x{slow / quick:F1}); " +
            $"paired comparison: fresh draw {pairedFresh,8:F1} ms, shared draws {pairedCached,8:F1} ms  (single thread; the table also runs rows in parallel)");
    }

    double[,] controls = new double[248, 180];
    var normal = new MathNet.Numerics.Distributions.Normal(0, 1, new MathNet.Numerics.Random.MersenneTwister(3));
    for (int i = 0; i < 248; i++)
        for (int j = 0; j < 180; j++) controls[i, j] = normal.Sample();
    var estimator = new Normative.Deviation.LedoitWolfCovariance();
    var fitClock = Stopwatch.StartNew();
    var single = Normative.Deviation.MahalanobisReference.Fit(controls, estimator);
    double fit = fitClock.Elapsed.TotalMilliseconds;
    fitClock.Restart();
    var distances = Normative.Deviation.CrossFittedDistances.Compute(controls, estimator, Normative.Deviation.CovarianceInversion.Strict, 10, seed: 1);
    double crossFit = fitClock.Elapsed.TotalMilliseconds;
    Console.WriteLine($"Ledoit-Wolf reference 248 x 180: one fit {fit:F0} ms; 10-fold cross-fitted distances {crossFit:F0} ms (folds in parallel on {Environment.ProcessorCount} cores; sequential would be about 10 fits)");
    GC.KeepAlive(single);
    GC.KeepAlive(distances);
}

static double MaxWeightDifference(GridResult expected, GridResult actual) => expected.Runs.Zip(actual.Runs).Max(pair =>
{
    var a = actual.Runs.Count == 0 ? null : pair.Second.Model.state_dict();
    return pair.First.Model.state_dict().Max(kv => (kv.Value - a![kv.Key]).abs().max().item<float>());
});

// The package's default data: the synthetic ADNI-like cohort (seed 42, the paper's group sizes), preprocessed
// on its 248 training controls (MRI / ICV, z-scores, age and sex covariates); 48 held-out controls.
static ExperimentData SyntheticCohort()
{
    var synthetic = SyntheticCohortGenerator.Generate(new SyntheticCohortOptions { Seed = 42 });
    return ExperimentData.From(synthetic.Cohort, synthetic.GroundTruth);
}

static string Label(string name, AggregatorKind? aggregator) => aggregator is null ? name : $"{name}-{aggregator.Value.ToString().ToLowerInvariant()}";
