namespace Normative.Plots;

/// <summary>Versions of the figure stack, recorded with generated figures.</summary>
public static class FigureInfo
{
    /// <summary>The Plotly.NET assembly version used to build figures.</summary>
    public static string PlotlyNetVersion { get; } = typeof(Plotly.NET.Chart).Assembly.GetName().Version?.ToString() ?? "unknown";
}
