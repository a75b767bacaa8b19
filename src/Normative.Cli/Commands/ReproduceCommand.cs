using System.CommandLine;
using Normative.Cli.Infrastructure;
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
        var reproduction = new ReproductionCliOptions();
        var output = new Option<string>("--out") { Description = "Results folder (the grid run, resumable, under <out>/grid).", DefaultValueFactory = _ => "results" };
        var noFigures = new Option<bool>("--no-figures") { Description = "Skip the figures (always written as interactive HTML; also as PNG where Chromium is installed)." };
        var notebooks = new Option<bool>("--notebooks")
        {
            Description = "Instead of the results folder, refresh the executed notebooks: run every notebooks/*.ipynb (run from the repository root) " +
                "and write notebooks/executed/*.ipynb with static figures (PNG, no plotly.js; needs Chromium, checked before anything runs). With its full-run parameters (hours on 2 cores), " +
                "or with --quick the 'executed' profile of notebooks/profiles.json (minutes; how the committed copies were made).",
        };
        var workers = new Option<int?>("--workers")
        {
            Description = "Grid tasks trained at the same time, each in its own worker process (`normative grid run`) with max(1, cores / workers) torch threads unless --threads says otherwise. " +
                "Default: one per core. The results depend on the torch threads, not on the number of workers.",
        };
        var cache = new Option<string?>("--cache") { Description = "Folder of trained models shared between runs: a model with the same key (full configuration, data hash, versions) is loaded, not trained (default: <out>/grid/models)." };
        var experiment = new Option<string>("--experiment")
        {
            Description = "Which experiment: 'paper' (default: the mmSIVAE paper's Table 1 and figures on one cohort) or 'mmnormvae' (the mmNormVAE poster: " +
                "mmVAE-PoE vs a VAE on the concatenation over cortical, subcortical and hippocampal-subfield volumes, trained on a 10,000-control study and " +
                "applied to a clinical study with and without train-only ComBat + site adaptation; writes report.md, mmnormvae.json, tables/, figures/, run.json).",
            DefaultValueFactory = _ => "paper",
        };
        var twoStudy = new Option<string?>("--two-study-parameters") { Description = "With --experiment mmnormvae: an edited copy of data-schemas/two-study-parameters.json (study sizes, sites, shifts)." };
        var command = new Command("reproduce",
            "Reproduce the paper's experiments: generate (or load) the cohort, train the grid, write tables, per-subject scores and a report.\n" +
            "The grid runs through a plan under <out>/grid (as `normative grid plan|run|merge` do), so an interrupted run resumes when rerun.\n" +
            "Example: normative reproduce --quick --out results\n" +
            "         normative reproduce --models mmsivae-mopoe,mmvae-mopoe --latents 15 --seeds 0,1,2 --preset paper\n" +
            "         normative reproduce --models mmsivae-mopoe --latents 15 --seeds 0 --mapping paper\n" +
            "         normative reproduce --notebooks\n" +
            "         normative reproduce --experiment mmnormvae --quick --out results-mmnormvae");
        reproduction.AddTo(command);
        foreach (var option in new Option[] { output, noFigures, notebooks, workers, cache, experiment, twoStudy }) command.Options.Add(option);

        command.SetGuardedAction(async (parse, token) =>
        {
            if (parse.GetValue(notebooks))
            {
                // The committed copies carry PNGs only: without Chromium they would be empty, so say so before hours of notebooks, not after.
                ToolPreflight.RequireChromium("reproduce --notebooks writes static (PNG) figures");
                await RefreshNotebooksAsync(Path.Combine(Environment.CurrentDirectory, "notebooks"), parse.GetValue(reproduction.Quick) ? "executed" : null, token).ConfigureAwait(false);
                return 0;
            }
            switch (parse.GetValue(experiment)!.Trim().ToLowerInvariant())
            {
                case "paper":
                    break;
                case "mmnormvae":
                    return RunMmNormVae(parse, reproduction, output, noFigures, twoStudy, token);
                default:
                    throw new ArgumentException($"--experiment '{parse.GetValue(experiment)}' is not known; use 'paper' or 'mmnormvae'.");
            }
            var options = reproduction.OptionsOf(parse, parse.GetValue(output)!) with
            {
                Workers = parse.GetValue(workers),
                WorkerCommand = SelfWorkerCommand.Resolve(),
                ModelStore = parse.GetValue(cache) is { } store ? Path.GetFullPath(store) : null,
            };
            bool figuresWanted = !parse.GetValue(noFigures);
            ResultsFolderOutput.AnnounceFigures(figuresWanted);

            using var result = ProgressDisplay.Run(task =>
            {
                var bar = task("train grid");
                return Reproduction.Run(options,
                    new SyncProgress<GridProgress>(p => bar.Report(p.EpochsDone, p.TotalRuns * p.TotalEpochs, $"{p.Run}/{p.TotalRuns} {p.RunKey}")),
                    Console.WriteLine, token);
            });
            ResultsFolderOutput.Finish(result, figuresWanted);
            return 0;
        });
        return command;
    }

    /// <summary><c>reproduce --experiment mmnormvae</c>: the two-study mmNormVAE experiment (<see cref="Experiments.MmNormVae.MmNormVaeExperiment"/>).</summary>
    private static int RunMmNormVae(System.CommandLine.ParseResult parse, ReproductionCliOptions reproduction, Option<string> output, Option<bool> noFigures,
        Option<string?> twoStudy, CancellationToken token)
    {
        bool isQuick = parse.GetValue(reproduction.Quick);
        var cohortSeed = reproduction.CohortSeed;
        string folder = Path.GetFullPath(parse.GetValue(output)!);
        var baseline = isQuick ? Experiments.MmNormVae.MmNormVaeOptions.Quick(folder) : new Experiments.MmNormVae.MmNormVaeOptions { OutputFolder = folder };
        var grid = reproduction.GridOf(parse, baseline.Grid) with { CrossFitFolds = parse.GetValue(reproduction.CrossFit) };
        if (grid.LatentSizes.Count != 1) throw new ArgumentException("--experiment mmnormvae trains one latent size; give one value to --latents.");
        var options = baseline with
        {
            Grid = grid,
            Studies = new Data.Synthetic.TwoStudyOptions
            {
                Seed = parse.GetValue(cohortSeed),
                Parameters = parse.GetValue(twoStudy) is { } path ? Data.Synthetic.TwoStudyParameters.Load(path) : null,
            },
        };
        if (!parse.GetValue(noFigures) && ToolPreflight.MissingChromiumNote() is { } pngNote)
            Console.WriteLine(pngNote);
        var result = Experiments.MmNormVae.MmNormVaeExperiment.Run(options, Console.WriteLine, token);
        if (!parse.GetValue(noFigures))
        {
            var figures = Plots.MmNormVaeFigures.Write(result, Path.Combine(folder, "figures"), log: Console.WriteLine);
            File.AppendAllText(Path.Combine(folder, "report.md"), "\n" + figures.ReportSection + "\n");
            if (figures.MissingPngNote is { } note) Console.WriteLine(note);
        }
        Console.WriteLine();
        Console.WriteLine(Experiments.MmNormVae.MmNormVaeWriter.ToMarkdown(result));
        Console.WriteLine($"Wrote {folder} (report.md, mmnormvae.json, tables/, figures/, run.json); the experiment took {result.Run.WallSeconds:0} s.");
        return 0;
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
