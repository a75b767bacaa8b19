using Normative.Plots.Building;

namespace Normative.Plots;

/// <summary>
/// Paper Fig 3: average reconstruction error of held-out controls per region, one panel per
/// modality, one bar series per model, regions grouped by lobe. Lower is better: a model that
/// reconstructs healthy brains well gives fewer false deviations.
/// </summary>
/// <remarks>Kumar et al., "mmSIVAE: multimodal soft-introspective VAE for normative modelling", Fig 3.</remarks>
public static class ControlReconstructionFigure
{
    /// <summary>Builds the figure.</summary>
    /// <param name="regions">The region list; every series' values follow this order.</param>
    /// <param name="series">One entry per model and modality.</param>
    /// <param name="errorLabel">Y-axis label, e.g. "mean squared error (z units²)".</param>
    /// <param name="renderer">PNG renderer; default <see cref="PngRenderer.Shared"/>.</param>
    public static FigureBundle Build(
        IReadOnlyList<RegionLabel> regions,
        IReadOnlyList<RegionalErrors> series,
        string errorLabel = "mean reconstruction error",
        PngRenderer? renderer = null)
    {
        var axis = new LobeAxis(regions);
        InputChecks.RequireAny(series, "The series list", nameof(series));
        foreach (RegionalErrors s in series)
        {
            string what = $"Reconstruction error of '{s.Model}' on '{s.Modality}'";
            axis.RequireValues(s.Mean, what, nameof(series));
            if (s.Spread is not null)
                axis.RequireValues(s.Spread, what + " (spread)", nameof(series));
        }
        List<string> modalities = InputChecks.InOrderOfAppearance(series, s => s.Modality);
        List<string> models = InputChecks.InOrderOfAppearance(series, s => s.Model);

        var grid = new PanelGrid(modalities.Count, 1, verticalGap: 0.22);
        int height = 380 * modalities.Count + 150;
        var figure = new PlotlyFigure("Reconstruction error of held-out controls per region (lower is better)", width: 1500, height: height);
        FigureStyle.LegendUnderTitle(figure.Layout, height);
        figure.Layout["barmode"] = "group";
        figure.Layout["bargap"] = 0.25;
        for (int panel = 0; panel < modalities.Count; panel++)
        {
            foreach (RegionalErrors s in series.Where(s => s.Modality == modalities[panel]))
            {
                int modelIndex = models.IndexOf(s.Model);
                figure.AddTrace("bar",
                    ("name", s.Model), ("legendgroup", s.Model), ("showlegend", figure.FirstInLegend(s.Model)),
                    ("x", axis.Names), ("y", Rounding.Significant(axis.Arrange(s.Mean), 5)),
                    ("error_y", s.Spread is null ? null : Attributes.Of(
                        ("type", "data"), ("array", Rounding.Significant(axis.Arrange(s.Spread), 4)),
                        ("thickness", 0.8), ("width", 0), ("color", FigureStyle.TextColor))),
                    ("marker", Attributes.Of(("color", FigureStyle.SeriesColor(modelIndex)))),
                    ("hovertemplate", $"{s.Model}<br>%{{x}}: %{{y:.3f}}<extra>{s.Modality}</extra>"),
                    ("xaxis", PanelGrid.XRef(panel)), ("yaxis", PanelGrid.YRef(panel)));
            }
            grid.SetAxes(figure.Layout, panel, axis.XAxis(showTickLabels: true), FigureStyle.Axis(errorLabel, ("rangemode", "tozero")));
            axis.Decorate(figure, panel);
            figure.AddAnnotation(grid.Title(panel, modalities[panel], raise: LobeAxis.LabelHeight));
        }
        return figure.ToBundle(renderer);
    }
}
