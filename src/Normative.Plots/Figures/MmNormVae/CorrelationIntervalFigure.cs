using Normative.Plots.Building;

namespace Normative.Plots;

/// <summary>A forest plot of correlations with their confidence intervals, one row each, coloured by model (the poster's
/// "deviations correlate with ADAS13" comparison with its uncertainty made visible).</summary>
public static class CorrelationIntervalFigure
{
    public static FigureBundle Build(string title, string valueLabel, IReadOnlyList<CorrelationInterval> rows, PngRenderer? renderer = null)
    {
        InputChecks.RequireAny(rows, "The correlation list", nameof(rows));
        List<string> models = InputChecks.InOrderOfAppearance(rows, r => r.Model);
        int height = 28 * rows.Count + 220;
        var figure = new PlotlyFigure(title, width: 1000, height: height);
        FigureStyle.LegendUnderTitle(figure.Layout, height);
        foreach (var model in models)
        {
            var mine = rows.Where(r => r.Model == model).ToArray();
            figure.AddTrace("scatter",
                ("name", model), ("mode", "markers"),
                ("x", mine.Select(r => Math.Round(r.R, 4)).ToArray()), ("y", mine.Select(r => r.Label).ToArray()),
                ("error_x", Attributes.Of(("type", "data"), ("symmetric", false),
                    ("array", mine.Select(r => Math.Round(r.Upper - r.R, 4)).ToArray()), ("arrayminus", mine.Select(r => Math.Round(r.R - r.Lower, 4)).ToArray()),
                    ("thickness", 1.2), ("width", 4), ("color", FigureStyle.SeriesColor(models.IndexOf(model))))),
                ("marker", Attributes.Of(("color", FigureStyle.SeriesColor(models.IndexOf(model))), ("size", 9))),
                ("hovertemplate", "%{y}: r = %{x:.3f}<extra></extra>"));
        }
        figure.Layout["xaxis"] = FigureStyle.Axis(valueLabel, ("zeroline", true));
        figure.Layout["yaxis"] = FigureStyle.Axis("", ("autorange", "reversed"), ("automargin", true));
        return figure.ToBundle(renderer);
    }
}
