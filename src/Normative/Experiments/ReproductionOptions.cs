using Normative.Data.Synthetic;
using Normative.Experiments.Grid;

namespace Normative.Experiments;

/// <summary>What <see cref="Reproduction.Run"/> does: which cohort, which grid, where results go.</summary>
public sealed record ReproductionOptions
{
    /// <summary>Folder of the results (design §8): report.md, tables/, subjects/, figures/, run.json.</summary>
    public string OutputFolder { get; init; } = "results";

    /// <summary>An existing cohort (folder or manifest); null generates the synthetic cohort into OutputFolder/cohort.</summary>
    public string? CohortPath { get; init; }

    /// <summary>The synthetic cohort to generate when <see cref="CohortPath"/> is null (with the default 2,000 calibration controls).</summary>
    public SyntheticCohortOptions Synthetic { get; init; } = new() { CalibrationControls = SyntheticCohortOptions.DefaultCalibrationControls };

    /// <summary>Methods, latent sizes, seeds, preset and deviation conventions.</summary>
    public GridOptions Grid { get; init; } = new();

    /// <summary>The latent-to-region mapping (Fig 5, planted truth): the corrected procedure by default, or the paper's.</summary>
    public LatentToRegionOptions Mapping { get; init; } = new();

    /// <summary>Tasks trained at the same time, each in its own worker process (<see cref="GridWorkers"/>); null: the
    /// default for this machine's cores (<see cref="GridParallelism"/>). Does not change the results unless it changes
    /// the torch threads (<see cref="GridOptions.Threads"/>, which defaults to cores / workers).</summary>
    public int? Workers { get; init; }

    /// <summary>How to start the <c>normative</c> program as a worker (needed for more than one worker; the CLI sets it).</summary>
    public WorkerCommand? WorkerCommand { get; init; }

    /// <summary>Where the grid's tasks save trained models; null: <c>&lt;out&gt;/grid/models</c>. A store shared by
    /// several runs lets each reuse the models of the others with the same key.</summary>
    public string? ModelStore { get; init; }

    /// <summary>Worker processes and torch threads, the defaults filled in from this machine's cores.</summary>
    public GridParallelism Parallelism => GridParallelism.Resolve(Workers, Grid.Threads, Environment.ProcessorCount);

    /// <summary>A label for the report, e.g. "quick" or "full".</summary>
    public string Configuration { get; init; } = "full";

    /// <summary>
    /// The quick configuration: every available method at every latent size, one seed, 60 epochs at lr 1e-3
    /// (the default preset's loss weights) on the full-size synthetic cohort — a few minutes on two cores.
    /// </summary>
    /// <remarks>
    /// The default preset's lr 1e-4 needs its 300 epochs (after 60 the models are still near their
    /// initialisation); lr 1e-3 reaches a validation MSE of 0.646 by epoch 50, close to the default's 0.604
    /// (see <see cref="Training.TrainingPresets.Default"/>), at a fifth of the time.
    /// </remarks>
    public static ReproductionOptions Quick(string outputFolder = "results") => new()
    {
        OutputFolder = outputFolder,
        Configuration = "quick",
        Grid = new GridOptions { Seeds = [0], Epochs = 60, LearningRate = 1e-3 },
    };
}
