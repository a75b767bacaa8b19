using Normative.Plots.Building;

namespace Normative.Plots;

/// <summary>
/// The cohort at a glance: one panel per measure (a region of one modality, age, ADAS13), one box per
/// clinical stage, so a reader sees the disease effect the models must detect before any model runs —
/// e.g. hippocampal volume falling and precuneus amyloid SUVR rising from controls to CDR ≥ 1.
/// </summary>
/// <remarks>
/// Boxes show the median and quartiles, whiskers 1.5 IQR, points beyond them. Stage colours follow
/// <see cref="FigureStyle.SeriesColor"/> in stage order and are the same in every panel.
/// </remarks>
public static class StageDistributionFigure
{
    /// <summary>Builds the figure.</summary>
    /// <param name="panels">One entry per panel. Range: 1 to 12 panels.</param>
    /// <param name="columns">Panels per row. Range: ≥ 1.</param>
    /// <param name="renderer">PNG renderer; default <see cref="PngRenderer.Shared"/>.</param>
    public static FigureBundle Build(IReadOnlyList<StageValues> panels, int columns = 2, PngRenderer? renderer = null)
    {
        InputChecks.RequireAny(panels, "The panel list", nameof(panels));
        if (panels.Count > 12)
            throw new ArgumentException($"The figure shows at most 12 panels; got {panels.Count}.", nameof(panels));
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        foreach (StageValues panel in panels)
        {
            InputChecks.RequireAny(panel.Stages, $"Stages of '{panel.Title}'", nameof(panels));
            InputChecks.RequireLength(panel.Values, panel.Stages.Count, $"Value lists of '{panel.Title}'", nameof(panels));
            for (int s = 0; s < panel.Stages.Count; s++)
                InputChecks.RequireFinite(panel.Values[s], $"Values of '{panel.Title}', {panel.Stages[s]}", nameof(panels));
        }

        List<string> stages = InputChecks.InOrderOfAppearance(panels.SelectMany(p => p.Stages), s => s);
        var grid = PanelGrid.ForPanels(panels.Count, columns);
        var figure = new PlotlyFigure("The cohort by clinical stage", width: Math.Min(grid.Columns, 3) * 480 + 60, height: 340 * grid.Rows + 110);
        for (int p = 0; p < panels.Count; p++)
        {
            StageValues panel = panels[p];
            for (int s = 0; s < panel.Stages.Count; s++)
            {
                string stage = panel.Stages[s];
                figure.AddTrace("box",
                    ("name", stage), ("legendgroup", stage), ("showlegend", figure.FirstInLegend(stage)),
                    ("x", Enumerable.Repeat(stage, panel.Values[s].Count).ToArray()),
                    ("y", Rounding.Significant(panel.Values[s], 5)),
                    ("boxpoints", "outliers"),
                    ("marker", Attributes.Of(("color", FigureStyle.SeriesColor(stages.IndexOf(stage))), ("size", 3))),
                    ("hovertemplate", $"{stage} (n = {panel.Values[s].Count})<br>%{{y}}<extra></extra>"),
                    ("xaxis", PanelGrid.XRef(p)), ("yaxis", PanelGrid.YRef(p)));
            }
            grid.SetAxes(figure.Layout, p, FigureStyle.Axis(null), FigureStyle.Axis(panel.AxisLabel));
            figure.AddAnnotation(grid.Title(p, panel.Title));
        }
        return figure.ToBundle(renderer);
    }
}
