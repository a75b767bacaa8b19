using Normative.Plots.Building;

namespace Normative.Plots;

/// <summary>
/// Paper Fig 4: histograms of a deviation score (D_mf by default) for held-out controls and
/// patients, one panel per model, the Earth mover's distance between the two in each panel
/// title. Less overlap and a larger distance mean better separation of disease from health.
/// </summary>
/// <remarks>
/// Both groups are drawn as densities (area 1) so a small control group (48 in the paper) and a
/// large patient group (726) compare by shape; both use the same bins within a panel.
/// Kumar et al., mmSIVAE, Fig 4 and Eq. 13.
/// </remarks>
public static class DeviationHistogramFigure
{
    /// <summary>Builds the figure.</summary>
    /// <param name="models">One entry per model (panel).</param>
    /// <param name="deviationLabel">Axis label of the score, e.g. "D_mf" (HTML sub/superscripts allowed).</param>
    /// <param name="bins">Bins per panel. Range: 5 to 200.</param>
    /// <param name="columns">Panels per row. Range: ≥ 1.</param>
    /// <param name="renderer">PNG renderer; default <see cref="PngRenderer.Shared"/>.</param>
    public static FigureBundle Build(
        IReadOnlyList<DeviationDistributions> models,
        string deviationLabel = "D<sub>mf</sub>",
        int bins = 40,
        int columns = 2,
        PngRenderer? renderer = null)
    {
        InputChecks.RequireAny(models, "The model list", nameof(models));
        if (bins is < 5 or > 200)
            throw new ArgumentOutOfRangeException(nameof(bins), bins, "Expected 5 to 200 bins.");
        foreach (DeviationDistributions m in models)
        {
            InputChecks.RequireAny(m.Controls, $"Controls of '{m.Model}'", nameof(models));
            InputChecks.RequireAny(m.Patients, $"Patients of '{m.Model}'", nameof(models));
            InputChecks.RequireFinite(m.Controls, $"Deviation of the controls of '{m.Model}'", nameof(models));
            InputChecks.RequireFinite(m.Patients, $"Deviation of the patients of '{m.Model}'", nameof(models));
            if (!double.IsFinite(m.EarthMoversDistance) || m.EarthMoversDistance < 0)
                throw new ArgumentException($"Earth mover's distance of '{m.Model}' is {m.EarthMoversDistance}; expected a finite value ≥ 0.", nameof(models));
        }

        var grid = PanelGrid.ForPanels(models.Count, columns);
        var figure = new PlotlyFigure(
            $"Distribution of {deviationLabel}: held-out controls vs patients (EMD: Earth mover's distance)",
            width: Math.Min(grid.Columns, 3) * 500 + 60, height: 340 * grid.Rows + 110);
        figure.Layout["barmode"] = "overlay";
        for (int p = 0; p < models.Count; p++)
        {
            DeviationDistributions m = models[p];
            double low = Math.Min(m.Controls.Min(), m.Patients.Min());
            double high = Math.Max(m.Controls.Max(), m.Patients.Max());
            double size = high > low ? (high - low) / bins : 1.0;
            var binning = Attributes.Of(("start", low), ("end", high + size / 2), ("size", size));
            AddGroup(figure, p, "held-out controls", m.Controls, FigureStyle.ControlColor, binning);
            AddGroup(figure, p, "patients", m.Patients, FigureStyle.PatientColor, binning);
            grid.SetAxes(figure.Layout, p, FigureStyle.Axis(deviationLabel), FigureStyle.Axis(p % grid.Columns == 0 ? "density" : null));
            figure.AddAnnotation(grid.Title(p, $"{m.Model}: EMD = {NumberFormat.Value(m.EarthMoversDistance, 3)}"));
        }
        return figure.ToBundle(renderer);
    }

    private static void AddGroup(PlotlyFigure figure, int panel, string group, IReadOnlyList<double> values, string color, Dictionary<string, object> binning) =>
        figure.AddTrace("histogram",
            ("name", group), ("legendgroup", group), ("showlegend", figure.FirstInLegend(group)),
            ("x", Rounding.Significant(values, 5)), ("xbins", binning), ("autobinx", false),
            ("histnorm", "probability density"), ("opacity", 0.6),
            ("marker", Attributes.Of(("color", color), ("line", Attributes.Of(("color", "white"), ("width", 0.5))))),
            ("hovertemplate", $"{group} (n = {values.Count})<br>%{{x}}: density %{{y:.3g}}<extra></extra>"),
            ("xaxis", PanelGrid.XRef(panel)), ("yaxis", PanelGrid.YRef(panel)));
}
