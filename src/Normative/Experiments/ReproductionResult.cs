namespace Normative.Experiments;

/// <summary>Everything a reproduction computed, with the grid that owns the trained models.</summary>
public sealed class ReproductionResult(ReproductionOptions options, ExperimentData data, GridResult grid,
    ExperimentResults experiments, RunRecord run) : IDisposable
{
    public ReproductionOptions Options { get; } = options;

    public ExperimentData Data { get; } = data;

    public GridResult Grid { get; } = grid;

    /// <summary>Every experiment's result.</summary>
    public ExperimentResults Experiments { get; } = experiments;

    /// <summary>Table 1 A and B.</summary>
    public LikelihoodRatioTableResult Table1 => Experiments.Table1;

    /// <summary>Configuration, versions and timings, as written to run.json.</summary>
    public RunRecord Run { get; } = run;

    /// <summary>Sections appended to report.md by later steps (e.g. figure links), in order.</summary>
    public List<string> ExtraReportSections { get; } = [];

    public void Dispose()
    {
        Grid.Dispose();
        Data.Dispose();
    }
}
