using System.CommandLine;
using Normative.Cli.Infrastructure;
using Normative.Data.Synthetic;
using Normative.Experiments;
using Normative.Notebooks.Runner;

namespace Normative.Cli.Commands;

/// <summary>
/// <c>normative reproduce</c>: the paper's experiments end to end — cohort, the model grid, Table 1,
/// per-subject scores, figures and a Markdown report under one results folder (design §6, §8).
/// </summary>
internal static class ReproduceCommand
{
    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "A small configuration that runs in a few minutes on 2 cores: every method and latent size, one seed, 60 epochs at lr 1e-3 (the default preset needs its 300 epochs at lr 1e-4)." };
        var cohort = new Option<string?>("--cohort") { Description = "Use this cohort instead of generating the synthetic one." };
        var output = new Option<string>("--out") { Description = "Results folder.", DefaultValueFactory = _ => "results" };
        var methods = new Option<string?>("--models") { Description = "Comma-separated methods (keys like mmsivae-mopoe, sivae-mri, or model names like mmvae; 'all'). Default: all. The no-model baseline ('baseline') is always scored beside them." };
        var latents = new Option<string?>("--latents") { Description = "Comma-separated latent sizes. Default: 5,10,15,20." };
        var seeds = new Option<string?>("--seeds") { Description = "Comma-separated seeds. Default: 0,1,2,3,4 (quick: 0)." };
        var cohortSeed = new Option<int>("--cohort-seed") { Description = "Seed of the synthetic cohort.", DefaultValueFactory = _ => 42 };
        var mapping = new Option<string>("--mapping")
        {
            Description = "Latent-to-region mapping (Fig 5, planted truth): 'corrected' (default: per-stage Welch/BH dimension selection, decoded effects at the controls' latent mean with real covariates, bootstrap CIs) or 'paper' (mean |Z_ml| > 1.96, decode with zeros, Cohen's d).",
            DefaultValueFactory = _ => "corrected",
        };
        var calibrationSize = CohortCommand.CalibrationSizeOption();
        var noFigures = new Option<bool>("--no-figures") { Description = "Skip the figures (always written as interactive HTML; also as PNG where Chromium is installed)." };
        var notebooks = new Option<bool>("--notebooks")
        {
            Description = "Instead of the results folder, refresh the executed notebooks: run every notebooks/*.ipynb (run from the repository root) " +
                "and write notebooks/executed/*.ipynb with static figures (PNG, no plotly.js; needs Chromium, checked before anything runs). With its full-run parameters (hours on 2 cores), " +
                "or with --quick the 'executed' profile of notebooks/profiles.json (minutes; how the committed copies were made).",
        };
        var workers = new Option<int?>("--workers") { Description = "Models trained at the same time, each on its own thread (default 1). Experimental: with TorchSharp 0.107 more than one worker can crash with a native scalar error; rerun, the model cache keeps finished models." };
        var noStack = new Option<bool>("--no-stack") { Description = "Train every seed on its own instead of stacking the seeds of stackable models into one module (same results to float rounding; slower)." };
        var cache = new Option<string?>("--cache") { Description = "Folder of trained models reused by reruns of the same configuration (default: <out>/cache)." };
        var noCache = new Option<bool>("--no-cache") { Description = "Train every model again; neither read nor write the model cache." };
        var crossFit = CrossFitOption.Create();
        var training = new TrainingCliOptions();
        var command = new Command("reproduce",
            "Reproduce the paper's experiments: generate (or load) the cohort, train the grid, write tables, per-subject scores and a report.\n" +
            "Example: normative reproduce --quick --out results\n" +
            "         normative reproduce --models mmsivae-mopoe,mmvae-mopoe --latents 15 --seeds 0,1,2 --preset paper\n" +
            "         normative reproduce --models mmsivae-mopoe --latents 15 --seeds 0 --mapping paper\n" +
            "         normative reproduce --notebooks");
        foreach (var option in new Option[] { quick, cohort, output, methods, latents, seeds, cohortSeed, calibrationSize, mapping, noFigures, notebooks, workers, noStack, cache, noCache, crossFit }) command.Options.Add(option);
        training.AddTo(command);

        command.SetGuardedAction(async (parse, token) =>
        {
            if (parse.GetValue(notebooks))
            {
                // The committed copies carry PNGs only: without Chromium they would be empty, so say so before hours of notebooks, not after.
                ToolPreflight.RequireChromium("reproduce --notebooks writes static (PNG) figures");
                await RefreshNotebooksAsync(Path.Combine(Environment.CurrentDirectory, "notebooks"), parse.GetValue(quick) ? "executed" : null, token).ConfigureAwait(false);
                return 0;
            }
            bool isQuick = parse.GetValue(quick);
            var baseline = isQuick ? ReproductionOptions.Quick() : new ReproductionOptions();
            var grid = baseline.Grid with
            {
                Methods = parse.GetValue(methods) is { } m ? MethodCatalogue.Select(m.Split(',')) : baseline.Grid.Methods,
                LatentSizes = parse.GetValue(latents) is { } l ? TrainingCliOptions.IntList(l, "--latents") : baseline.Grid.LatentSizes,
                Seeds = parse.GetValue(seeds) is { } s ? TrainingCliOptions.IntList(s, "--seeds") : baseline.Grid.Seeds,
                Preset = training.PresetOf(parse),
                Epochs = parse.GetValue(training.Epochs) ?? baseline.Grid.Epochs,
                LearningRate = parse.GetValue(training.LearningRate) ?? baseline.Grid.LearningRate,
                BatchSize = parse.GetValue(training.BatchSize),
                Threads = parse.GetValue(training.Threads),
                Workers = parse.GetValue(workers),
                Stack = !parse.GetValue(noStack),
                CacheFolder = parse.GetValue(noCache) ? null : parse.GetValue(cache) ?? Path.Combine(parse.GetValue(output)!, "cache"),
                Device = parse.GetValue(training.Device)!,
                Conventions = training.ConventionsOf(parse),
                CrossFitFolds = parse.GetValue(crossFit),
            };
            var options = baseline with
            {
                OutputFolder = parse.GetValue(output)!,
                CohortPath = parse.GetValue(cohort),
                Synthetic = new SyntheticCohortOptions { Seed = parse.GetValue(cohortSeed), CalibrationControls = parse.GetValue(calibrationSize) },
                Grid = grid,
                Mapping = new LatentToRegionOptions { Procedure = LatentToRegionOptions.ParseProcedure(parse.GetValue(mapping)!) },
            };

            bool figuresWanted = !parse.GetValue(noFigures);
            if (figuresWanted && ToolPreflight.MissingChromiumNote() is { } pngNote)
                Console.WriteLine(pngNote);

            using var result = ProgressDisplay.Run(task =>
            {
                var bar = task("train grid");
                return Reproduction.Run(options,
                    new SyncProgress<GridProgress>(p => bar.Report(p.EpochsDone, p.TotalRuns * p.TotalEpochs, $"{p.Run}/{p.TotalRuns} {p.RunKey}")),
                    Console.WriteLine, token);
            });
            Plots.WrittenFigures? figures = null;
            if (figuresWanted)
            {
                figures = Plots.ReproductionFigures.Write(result, Path.Combine(Path.GetFullPath(options.OutputFolder), "figures"), log: Console.WriteLine);
                result.ExtraReportSections.Add(figures.ReportSection);
            }
            result.ExtraReportSections.Add(CalibrationReports.WriteSection(result));
            string report = ReportWriter.Write(result);
            Console.WriteLine();
            Console.WriteLine("Table 1 A — LR+ of latent outliers (D_ml):");
            Console.WriteLine(result.Table1.ToMarkdown(DeviationSpace.Latent));
            Console.WriteLine();
            Console.WriteLine("Table 1 B — LR+ of feature-space outliers (D_mf):");
            Console.WriteLine(result.Table1.ToMarkdown(DeviationSpace.Feature));
            Console.WriteLine();
            Console.WriteLine($"Wrote {Path.GetDirectoryName(report)} (report.md, tables/, subjects/, figures/, run.json); experiments took {result.Run.WallSeconds:0} s.");
            if (figures?.MissingPngNote is { } note)
                Console.WriteLine(note);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Runs every notebook of <paramref name="folder"/> into <c>folder/executed</c>, with its own (full-run)
    /// parameters or with the overrides of profile <paramref name="profile"/>.
    /// </summary>
    private static async Task RefreshNotebooksAsync(string folder, string? profile, CancellationToken token)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"reproduce --notebooks runs notebooks/*.ipynb from the repository root, but {folder} does not exist; cd to the repository first.");
        var paths = Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal).ToArray();
        if (paths.Length == 0) throw new FileNotFoundException($"{folder} holds no .ipynb notebooks.");
        var profiles = profile is null ? null : NotebookProfiles.Load(folder);
        foreach (var path in paths)
        {
            var parameters = profiles?.For(NotebookDocument.Load(path), profile!) ?? new Dictionary<string, string>();
            Console.WriteLine($"Running {Path.GetFileName(path)} with " + (profile is null ? "its full-run parameters." : $"profile '{profile}': {string.Join(", ", parameters.Select(p => $"{p.Key}={p.Value}"))}"));
            var elapsed = await NotebookExecution.RunAsync(path, Path.Combine(folder, "executed", Path.GetFileName(path)),
                parameters, cellTimeout: null, staticOutputs: true, token).ConfigureAwait(false);
            Console.WriteLine($"{Path.GetFileName(path)}: {elapsed.TotalMinutes:0.0} min");
        }
    }
}
