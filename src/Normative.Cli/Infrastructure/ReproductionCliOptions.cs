using System.CommandLine;
using Normative.Cli.Commands;
using Normative.Data.Synthetic;
using Normative.Experiments;

namespace Normative.Cli.Infrastructure;

/// <summary>
/// The options that decide what <c>reproduce</c> computes, shared with <c>grid plan</c> (the same options give the same
/// plan): cohort, methods, latent sizes, seeds, mapping, stacking and the training options. Where results go and how the
/// work is spread (--out, --workers, --cache, --no-figures) belong to each verb.
/// </summary>
internal sealed class ReproductionCliOptions
{
    public Option<bool> Quick { get; } = new("--quick") { Description = "A small configuration that runs in a few minutes on 2 cores: every method and latent size, one seed, 60 epochs at lr 1e-3 (the default preset needs its 300 epochs at lr 1e-4)." };

    public Option<string?> Cohort { get; } = new("--cohort") { Description = "Use this cohort instead of generating the synthetic one." };

    public Option<string?> Methods { get; } = new("--models") { Description = "Comma-separated methods (keys like mmsivae-mopoe, sivae-mri, or model names like mmvae; 'all'). Default: all. The no-model baseline ('baseline') is always scored beside them." };

    public Option<string?> Latents { get; } = new("--latents") { Description = "Comma-separated latent sizes. Default: 5,10,15,20." };

    public Option<string?> Seeds { get; } = new("--seeds") { Description = "Comma-separated seeds. Default: 0,1,2,3,4 (quick: 0)." };

    public Option<int> CohortSeed { get; } = new("--cohort-seed") { Description = "Seed of the synthetic cohort.", DefaultValueFactory = _ => 42 };

    public Option<string> Mapping { get; } = new("--mapping")
    {
        Description = "Latent-to-region mapping (Fig 5, planted truth): 'corrected' (default: per-stage Welch/BH dimension selection, decoded effects at the controls' latent mean with real covariates, bootstrap CIs) or 'paper' (mean |Z_ml| > 1.96, decode with zeros, Cohen's d).",
        DefaultValueFactory = _ => "corrected",
    };

    public Option<int> CalibrationSize { get; } = CohortCommand.CalibrationSizeOption();

    public Option<bool> NoStack { get; } = new("--no-stack") { Description = "Train every seed on its own instead of stacking the seeds of stackable models into one module (same results to float rounding; slower)." };

    public TrainingCliOptions Training { get; } = new();

    /// <summary><c>--cross-fit K</c>: whole-pipeline cross-fitted thresholds (<see cref="GridOptions.CrossFitFolds"/>).</summary>
    public Option<int?> CrossFit { get; } = CrossFitOption.Create();

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Quick, Cohort, Methods, Latents, Seeds, CohortSeed, CalibrationSize, Mapping, NoStack, CrossFit }) command.Options.Add(option);
        Training.AddTo(command);
    }

    /// <summary>The reproduction the command line asks for, writing to <paramref name="output"/>.</summary>
    public ReproductionOptions OptionsOf(ParseResult parse, string output)
    {
        bool isQuick = parse.GetValue(Quick);
        var baseline = isQuick ? ReproductionOptions.Quick() : new ReproductionOptions();
        var grid = GridOf(parse, baseline.Grid) with
        {
            Methods = parse.GetValue(Methods) is { } m ? MethodCatalogue.Select(m.Split(',')) : baseline.Grid.Methods,
            CrossFitFolds = parse.GetValue(CrossFit),
        };
        return baseline with
        {
            OutputFolder = output,
            CohortPath = parse.GetValue(Cohort),
            Synthetic = new SyntheticCohortOptions { Seed = parse.GetValue(CohortSeed), CalibrationControls = parse.GetValue(CalibrationSize) },
            Grid = grid,
            Mapping = new LatentToRegionOptions { Procedure = LatentToRegionOptions.ParseProcedure(parse.GetValue(Mapping)!) },
        };
    }

    /// <summary>
    /// <paramref name="baseline"/> with the latent sizes, seeds, training and deviation options the command line gives (not the methods
    /// or the cross-fit): one home for what every grid-training command reads the same way.
    /// </summary>
    public GridOptions GridOf(ParseResult parse, GridOptions baseline) => baseline with
    {
        LatentSizes = parse.GetValue(Latents) is { } l ? TrainingCliOptions.IntList(l, "--latents") : baseline.LatentSizes,
        Seeds = parse.GetValue(Seeds) is { } s ? TrainingCliOptions.IntList(s, "--seeds") : baseline.Seeds,
        Preset = Training.PresetOf(parse),
        Epochs = parse.GetValue(Training.Epochs) ?? baseline.Epochs,
        LearningRate = parse.GetValue(Training.LearningRate) ?? baseline.LearningRate,
        BatchSize = parse.GetValue(Training.BatchSize),
        Threads = parse.GetValue(Training.Threads),
        Stack = !parse.GetValue(NoStack),
        Device = parse.GetValue(Training.Device)!,
        Conventions = Training.ConventionsOf(parse),
    };
}
