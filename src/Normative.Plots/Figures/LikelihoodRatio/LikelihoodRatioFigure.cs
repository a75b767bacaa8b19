using Normative.Plots.Building;

namespace Normative.Plots;

/// <summary>
/// The paper's Table 1 as a chart: likelihood ratio against latent size per method, every seed
/// as a point and the mean ± sd as a line, panel A from latent deviations D_ml and panel B from
/// feature deviations D_mf. Higher is better detection of patients as outliers.
/// </summary>
/// <remarks>
/// LR = TPR / FPR = (N_disease(outliers)/N_disease) / (N_controls(outliers)/N_controls), mmSIVAE
/// §4.3 and Table 1. Infinite seeds (no control outlier) are drawn as open triangles on a dotted
/// "∞" line above the finite values; a mean with an infinite seed is not drawn. The dotted grey
/// line at LR = 1 is chance.
/// </remarks>
public static class LikelihoodRatioFigure
{
    /// <summary>Builds panels A (D_ml) and B (D_mf); either list may be empty, not both.</summary>
    public static FigureBundle Build(
        IReadOnlyList<LikelihoodRatioSeedValues> latentDeviation,
        IReadOnlyList<LikelihoodRatioSeedValues> featureDeviation,
        PngRenderer? renderer = null)
    {
        ArgumentNullException.ThrowIfNull(latentDeviation);
        ArgumentNullException.ThrowIfNull(featureDeviation);
        var panels = new List<(string Title, IReadOnlyList<LikelihoodRatioSeedValues> Cells)>();
        if (latentDeviation.Count > 0)
            panels.Add(("A. Latent deviation D<sub>ml</sub>", latentDeviation));
        if (featureDeviation.Count > 0)
            panels.Add(("B. Feature deviation D<sub>mf</sub>", featureDeviation));
        if (panels.Count == 0)
            throw new ArgumentException("Both likelihood-ratio lists are empty; a figure needs at least one.", nameof(latentDeviation));
        List<string> methods = InputChecks.InOrderOfAppearance(latentDeviation.Concat(featureDeviation), c => c.Method);

        var grid = new PanelGrid(1, panels.Count, horizontalGap: 0.07);
        // The legend lists one row per method (~28 px each): grow the figure so a 16-row Table 1 fits.
        var figure = new PlotlyFigure("Likelihood ratio of outliers by latent size (points: seeds; line: mean ± sd)", width: 1300, height: Math.Max(560, 180 + 28 * methods.Count));
        FigureStyle.LegendInRightColumn(figure.Layout, columnWidth: 200);
        for (int p = 0; p < panels.Count; p++)
            AddPanel(figure, grid, p, panels[p].Title, panels[p].Cells, methods);
        return figure.ToBundle(renderer);
    }

    private static void AddPanel(PlotlyFigure figure, PanelGrid grid, int panel, string title, IReadOnlyList<LikelihoodRatioSeedValues> cells, List<string> methods)
    {
        var seen = new HashSet<(string, int)>();
        foreach (LikelihoodRatioSeedValues cell in cells)
        {
            if (cell.LatentSize < 1)
                throw new ArgumentException($"Likelihood ratio of '{cell.Method}' has latent size {cell.LatentSize}; expected d ≥ 1.", nameof(cells));
            if (!seen.Add((cell.Method, cell.LatentSize)))
                throw new ArgumentException($"Panel '{title}' has two cells for '{cell.Method}' at d = {cell.LatentSize}.", nameof(cells));
        }
        int[] sizes = cells.Select(c => c.LatentSize).Distinct().Order().ToArray();
        double clusterWidth = 0.6 * (sizes.Length > 1 ? sizes.Zip(sizes.Skip(1), (a, b) => b - a).Min() : 1);
        double step = clusterWidth / Math.Max(1, methods.Count);
        Dictionary<LikelihoodRatioSeedValues, SeedSpread> spreads = cells.ToDictionary(c => c, SeedSpread.Of);
        double highest = cells.SelectMany(c => c.SeedValues).Where(double.IsFinite).DefaultIfEmpty(1.0).Max();
        double ceiling = Rounding.Significant(1.1 * Math.Max(highest, 1.0), 3);
        bool anyInfinite = spreads.Values.Any(s => s.InfiniteSeeds > 0);

        foreach (IGrouping<string, LikelihoodRatioSeedValues> byMethod in cells.GroupBy(c => c.Method))
        {
            int m = methods.IndexOf(byMethod.Key);
            double offset = (m - (methods.Count - 1) / 2.0) * step;
            string color = FigureStyle.SeriesColor(m);
            LikelihoodRatioSeedValues[] ordered = byMethod.OrderBy(c => c.LatentSize).ToArray();
            var seedX = new List<double>();
            var seedY = new List<double>();
            var seedText = new List<string>();
            var infiniteX = new List<double>();
            foreach (LikelihoodRatioSeedValues cell in ordered)
            {
                for (int s = 0; s < cell.SeedValues.Count; s++)
                {
                    double v = cell.SeedValues[s];
                    if (double.IsPositiveInfinity(v))
                    {
                        infiniteX.Add(cell.LatentSize + offset);
                    }
                    else if (double.IsFinite(v))
                    {
                        seedX.Add(cell.LatentSize + offset);
                        seedY.Add(Rounding.Significant(v, 4));
                        seedText.Add($"seed {s + 1}");
                    }
                }
            }
            figure.AddTrace("scatter",
                ("name", byMethod.Key), ("legendgroup", byMethod.Key), ("showlegend", figure.FirstInLegend(byMethod.Key)),
                ("x", ordered.Select(c => c.LatentSize + offset).ToArray()),
                ("y", ordered.Select(c => FiniteOrNull(spreads[c].Mean)).ToArray()),
                ("error_y", Attributes.Of(("type", "data"), ("array", ordered.Select(c => FiniteOrNull(spreads[c].StandardDeviation)).ToArray()), ("width", 3), ("thickness", 1.2), ("color", color))),
                ("text", ordered.Select(c => spreads[c].Format()).ToArray()),
                ("mode", "lines+markers"), ("line", Attributes.Of(("color", color), ("width", 1.5))),
                ("marker", Attributes.Of(("color", color), ("size", 7), ("symbol", FigureStyle.SeriesSymbol(m)))),
                ("hovertemplate", $"{byMethod.Key}<br>d = %{{x:.0f}}: %{{text}}<extra></extra>"),
                ("xaxis", PanelGrid.XRef(panel)), ("yaxis", PanelGrid.YRef(panel)));
            figure.AddTrace("scatter",
                ("name", byMethod.Key + " seeds"), ("legendgroup", byMethod.Key), ("showlegend", false),
                ("x", seedX), ("y", seedY), ("text", seedText), ("mode", "markers"),
                ("marker", Attributes.Of(("color", color), ("size", 5), ("opacity", 0.55))),
                ("hovertemplate", $"{byMethod.Key}, %{{text}}<br>LR = %{{y:.2f}}<extra></extra>"),
                ("xaxis", PanelGrid.XRef(panel)), ("yaxis", PanelGrid.YRef(panel)));
            if (infiniteX.Count > 0)
            {
                figure.AddTrace("scatter",
                    ("name", byMethod.Key + " ∞ seeds"), ("legendgroup", byMethod.Key), ("showlegend", false),
                    ("x", infiniteX), ("y", Enumerable.Repeat(ceiling, infiniteX.Count).ToArray()), ("mode", "markers"),
                    ("marker", Attributes.Of(("color", color), ("size", 8), ("symbol", "triangle-up-open"))),
                    ("hovertemplate", $"{byMethod.Key}<br>LR = ∞ (no control outlier)<extra></extra>"),
                    ("xaxis", PanelGrid.XRef(panel)), ("yaxis", PanelGrid.YRef(panel)));
            }
        }

        string xDomain = PanelGrid.XDomainRef(panel);
        string yRef = PanelGrid.YRef(panel);
        figure.AddShape(Attributes.Of(
            ("type", "line"), ("xref", xDomain), ("x0", 0.0), ("x1", 1.0), ("yref", yRef), ("y0", 1.0), ("y1", 1.0),
            ("line", Attributes.Of(("color", FigureStyle.ReferenceColor), ("width", 1), ("dash", "dot")))));
        if (anyInfinite)
        {
            figure.AddShape(FigureStyle.ThresholdLine(xDomain, yRef, ceiling));
            figure.AddAnnotation(Attributes.Of(
                ("text", NumberFormat.Infinity), ("showarrow", false), ("xref", xDomain), ("x", 0.0), ("xanchor", "right"),
                ("yref", yRef), ("y", ceiling), ("font", FigureStyle.Font(FigureStyle.PanelTitleFontSize, FigureStyle.ThresholdColor))));
        }
        grid.SetAxes(figure.Layout, panel,
            FigureStyle.Axis("latent size d", ("tickmode", "array"), ("tickvals", sizes), ("range", new[] { sizes[0] - clusterWidth, sizes[^1] + clusterWidth })),
            FigureStyle.Axis(panel == 0 ? "likelihood ratio (TPR / FPR)" : null, ("rangemode", "tozero"), ("range", new[] { 0.0, ceiling * 1.06 })));
        figure.AddAnnotation(grid.Title(panel, title));
    }

    private static double? FiniteOrNull(double value) => double.IsFinite(value) ? Rounding.Significant(value, 4) : null;
}
