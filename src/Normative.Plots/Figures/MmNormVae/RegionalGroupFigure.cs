using Normative.Plots.Building;

namespace Normative.Plots;

/// <summary>
/// The mmNormVAE poster's deviation maps and frequency-of-significance charts as bars: one panel per group (clinical
/// controls, then disease stages), regions grouped by lobe along x, one bar series per model, so the models stand side by side.
/// </summary>
public static class RegionalGroupFigure
{
    /// <param name="title">Figure title.</param>
    /// <param name="valueLabel">Y-axis label.</param>
    /// <param name="regions">The region list; every series' values follow this order.</param>
    /// <param name="series">One entry per model and group.</param>
    /// <param name="reference">A horizontal reference line (e.g. the nominal 0.05), or null.</param>
    /// <param name="renderer">PNG renderer; default <see cref="PngRenderer.Shared"/>.</param>
    public static FigureBundle Build(string title, string valueLabel, IReadOnlyList<RegionLabel> regions, IReadOnlyList<GroupRegionalValues> series,
        double? reference = null, PngRenderer? renderer = null)
    {
        var axis = new LobeAxis(regions);
        InputChecks.RequireAny(series, "The series list", nameof(series));
        foreach (var s in series) axis.RequireValues(s.Values, $"Values of '{s.Model}' for '{s.Group}'", nameof(series));
        List<string> groups = InputChecks.InOrderOfAppearance(series, s => s.Group);
        List<string> models = InputChecks.InOrderOfAppearance(series, s => s.Model);

        var grid = new PanelGrid(groups.Count, 1, verticalGap: 0.22 / Math.Max(1, groups.Count / 2.0));
        int height = 330 * groups.Count + 150;
        var figure = new PlotlyFigure(title, width: 1600, height: height);
        FigureStyle.LegendUnderTitle(figure.Layout, height);
        figure.Layout["barmode"] = "group";
        figure.Layout["bargap"] = 0.2;
        for (int panel = 0; panel < groups.Count; panel++)
        {
            foreach (var s in series.Where(s => s.Group == groups[panel]))
            {
                int modelIndex = models.IndexOf(s.Model);
                figure.AddTrace("bar",
                    ("name", s.Model), ("legendgroup", s.Model), ("showlegend", figure.FirstInLegend(s.Model)),
                    ("x", axis.Names), ("y", Rounding.Significant(axis.Arrange(s.Values), 4)),
                    ("marker", Attributes.Of(("color", FigureStyle.SeriesColor(modelIndex)))),
                    ("hovertemplate", $"{s.Model}<br>%{{x}}: %{{y:.3f}}<extra>{s.Group}</extra>"),
                    ("xaxis", PanelGrid.XRef(panel)), ("yaxis", PanelGrid.YRef(panel)));
            }
            if (reference is { } line)
            {
                figure.AddTrace("scatter", ("name", $"reference {line:0.###}"), ("legendgroup", "reference"), ("showlegend", figure.FirstInLegend("reference")),
                    ("mode", "lines"), ("x", new[] { axis.Names[0], axis.Names[^1] }), ("y", new[] { line, line }),
                    ("line", Attributes.Of(("color", FigureStyle.ThresholdColor), ("dash", "dash"), ("width", 1))),
                    ("hoverinfo", "skip"), ("xaxis", PanelGrid.XRef(panel)), ("yaxis", PanelGrid.YRef(panel)));
            }
            grid.SetAxes(figure.Layout, panel, axis.XAxis(showTickLabels: panel == groups.Count - 1), FigureStyle.Axis(valueLabel));
            axis.Decorate(figure, panel);
            figure.AddAnnotation(grid.Title(panel, groups[panel], raise: LobeAxis.LabelHeight));
        }
        return figure.ToBundle(renderer);
    }
}
