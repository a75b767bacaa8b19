using Normative.Data.Synthetic;
using Normative.Deviation;
using Normative.Experiments;

namespace Normative.Tests.Experiments;

/// <summary>
/// One tiny grid shared by every experiment test: a synthetic cohort of 60 training controls, 20 held-out
/// controls, 40 calibration controls and 20 patients per stage; mmSIVAE (MoPoE) and SIVAE (MRI) at d = 3 with two seeds, 3 epochs.
/// Trained once for the whole collection (a few seconds).
/// </summary>
public sealed class ExperimentGridFixture : IDisposable
{
    public ExperimentGridFixture()
    {
        Synthetic = SyntheticCohortGenerator.Generate(new SyntheticCohortOptions { Seed = 1, Sizes = new CohortSizes(60, 20, 20, 20, 20), CalibrationControls = 40 });
        Data = ExperimentData.From(Synthetic.Cohort, Synthetic.GroundTruth);
        Options = new GridOptions
        {
            Methods = MethodCatalogue.Select(["mmsivae-mopoe", "sivae-mri"]),
            LatentSizes = [3],
            Seeds = [0, 1],
            Epochs = 3,
            Conventions = DeviationConventions.Default,
        };
        Grid = GridRunner.Run(Data, Options);
    }

    public SyntheticCohort Synthetic { get; }

    public ExperimentData Data { get; }

    public GridOptions Options { get; }

    public GridResult Grid { get; }

    public void Dispose()
    {
        Grid.Dispose();
        Data.Dispose();
    }
}

/// <summary>The test classes that share <see cref="ExperimentGridFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class ExperimentGridCollection : ICollectionFixture<ExperimentGridFixture>
{
    public const string Name = "Experiment grid";
}

/// <summary>A temporary folder deleted on dispose.</summary>
public sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "normative-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
