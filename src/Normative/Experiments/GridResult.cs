namespace Normative.Experiments;

/// <summary>Every trained and evaluated model of a grid run, and the no-model baseline; owns (and disposes) the models.</summary>
public sealed class GridResult(GridOptions options, IReadOnlyList<ModelEvaluation> runs, BaselineEvaluation? baseline = null) : IDisposable
{
    public GridOptions Options { get; } = options;

    public IReadOnlyList<ModelEvaluation> Runs { get; } = runs;

    /// <summary>The no-model baseline (issue 21); null when <see cref="GridOptions.IncludeBaseline"/> was off.</summary>
    public BaselineEvaluation? Baseline { get; } = baseline;

    /// <summary>The runs of <paramref name="method"/> at latent size <paramref name="latentDim"/>, one per seed.</summary>
    public IReadOnlyList<ModelEvaluation> RunsOf(MethodSpec method, int latentDim) =>
        Runs.Where(r => r.Method == method && r.LatentDim == latentDim).OrderBy(r => r.Seed).ToArray();

    /// <summary>The first seed's run of <paramref name="method"/> at <paramref name="latentDim"/>.</summary>
    public ModelEvaluation Representative(MethodSpec method, int latentDim) =>
        RunsOf(method, latentDim).FirstOrDefault()
        ?? throw new ArgumentException($"The grid has no run of '{method.Label}' at d = {latentDim}.");

    /// <summary>The latent size the single-model figures use: 15 (the paper's Fig 5) when trained, else the largest.</summary>
    public int FigureLatentSize => Options.LatentSizes.Contains(15) ? 15 : Options.LatentSizes.Max();

    public void Dispose()
    {
        foreach (var run in Runs) run.Dispose();
    }
}
