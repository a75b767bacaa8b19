using Normative.Plots.Building;

namespace Normative.Plots;

/// <summary>
/// Paper Fig 5B as a lobe-ordered region map: one heatmap per modality, rows = patient groups
/// (CDR), columns = regions grouped by lobe, colour = the group's signed regional effect on a diverging
/// scale centred at 0 (blue below, red above: for MRI tissue volumes atrophy is blue, for amyloid SUVR
/// accumulation is red); cells not significant after FDR correction are grey.
/// </summary>
/// <remarks>
/// The paper draws the same numbers on Desikan-Killiany and aseg atlas surfaces (ggseg); a grid
/// keeps every region visible and comparable across groups without an atlas renderer. One colour
/// axis, symmetric around 0, is shared by all panels; d = 0.2, 0.5, 0.8 are small, medium and
/// large effects (Cohen 1988). Kumar et al., mmSIVAE, Fig 5B.
/// </remarks>
public static class RegionalEffectMapFigure
{
    /// <summary>Builds the figure.</summary>
    /// <param name="regions">The region list; every effect's values follow this order.</param>
    /// <param name="effects">One entry per modality and group.</param>
    /// <param name="renderer">PNG renderer; default <see cref="PngRenderer.Shared"/>.</param>
    /// <param name="effectLabel">What the colour measures, e.g. "effect (control sd)" or "Cohen's d".</param>
    /// <param name="minimumLimit">The colour axis spans at least ±this, so small effects stay pale. Range: &gt; 0.</param>
    public static FigureBundle Build(IReadOnlyList<RegionLabel> regions, IReadOnlyList<GroupRegionalEffect> effects, PngRenderer? renderer = null,
        string effectLabel = "Cohen's d", double minimumLimit = 0.8)
    {
        if (!(minimumLimit > 0) || !double.IsFinite(minimumLimit))
            throw new ArgumentOutOfRangeException(nameof(minimumLimit), minimumLimit, "Expected a finite limit > 0.");
        var axis = new LobeAxis(regions);
        InputChecks.RequireAny(effects, "The effect list", nameof(effects));
        foreach (GroupRegionalEffect e in effects)
        {
            string what = $"{effectLabel} of '{e.Group}' on '{e.Modality}'";
            axis.RequireValues(e.Effect, what, nameof(effects), finite: false);
            InputChecks.RequireLength(e.Significant, regions.Count, what + " (significance mask)", nameof(effects));
            for (int r = 0; r < regions.Count; r++)
            {
                if (e.Significant[r] && !double.IsFinite(e.Effect[r]))
                    throw new ArgumentException($"{what}: region {r + 1} ('{axis.InputNames[r]}') is marked significant but its effect is {e.Effect[r]}.", nameof(effects));
            }
        }
        List<string> modalities = InputChecks.InOrderOfAppearance(effects, e => e.Modality);
        List<string> groups = InputChecks.InOrderOfAppearance(effects, e => e.Group);
        double largest = effects.SelectMany(e => e.Effect.Where((d, r) => e.Significant[r])).Select(Math.Abs).DefaultIfEmpty(0).Max();
        double limit = Math.Max(minimumLimit, Math.Ceiling(largest * 10) / 10);

        var grid = new PanelGrid(modalities.Count, 1, verticalGap: 0.3);
        var figure = new PlotlyFigure(
            $"Regional effect per patient group: {effectLabel} (grey: not significant after FDR)",
            width: 1500, height: modalities.Count * (40 * groups.Count + 230) + 80, showLegend: false);
        figure.Layout["coloraxis"] = Attributes.Of(
            ("colorscale", FigureStyle.DivergingScale), ("cmin", -limit), ("cmax", limit), ("cmid", 0.0),
            ("colorbar", Attributes.Of(("title", Attributes.Of(("text", effectLabel))), ("thickness", 14), ("len", 0.8))));
        for (int panel = 0; panel < modalities.Count; panel++)
        {
            var rows = groups
                .Select(g => effects.FirstOrDefault(e => e.Modality == modalities[panel] && e.Group == g))
                .ToArray();
            string[] rowLabels = groups.ToArray();
            figure.AddTrace("heatmap",
                ("x", axis.Names), ("y", rowLabels), ("z", rows.Select(e => e is null ? Blank(axis.Names.Length) : Masked(axis, e, significant: true)).ToArray()),
                ("coloraxis", "coloraxis"), ("xgap", 1), ("ygap", 1),
                ("hovertemplate", "%{y}, %{x}<br>" + effectLabel + " = %{z:.2f}<extra>" + modalities[panel] + "</extra>"),
                ("xaxis", PanelGrid.XRef(panel)), ("yaxis", PanelGrid.YRef(panel)));
            figure.AddTrace("heatmap",
                ("x", axis.Names), ("y", rowLabels), ("z", rows.Select(e => e is null ? Blank(axis.Names.Length) : Masked(axis, e, significant: false)).ToArray()),
                ("colorscale", new object[] { new object[] { 0.0, FigureStyle.MaskedColor }, new object[] { 1.0, FigureStyle.MaskedColor } }),
                ("showscale", false), ("xgap", 1), ("ygap", 1),
                ("hovertemplate", "%{y}, %{x}<br>not significant (FDR)<extra>" + modalities[panel] + "</extra>"),
                ("xaxis", PanelGrid.XRef(panel)), ("yaxis", PanelGrid.YRef(panel)));
            grid.SetAxes(figure.Layout, panel,
                axis.XAxis(showTickLabels: true),
                FigureStyle.Axis(null, ("type", "category"), ("autorange", "reversed"), ("showgrid", false), ("ticks", "")));
            axis.Decorate(figure, panel);
            figure.AddAnnotation(grid.Title(panel, modalities[panel], raise: LobeAxis.LabelHeight));
        }
        return figure.ToBundle(renderer);
    }

    /// <summary>
    /// One heatmap row in display order: with <paramref name="significant"/> the effect of significant
    /// cells (null elsewhere); without, a constant 1 where the cell is not significant, for the grey layer.
    /// </summary>
    private static double?[] Masked(LobeAxis axis, GroupRegionalEffect effect, bool significant) =>
        axis.Order.Select(r => effect.Significant[r] == significant
            ? significant ? Rounding.Significant(effect.Effect[r], 4) : 1.0
            : (double?)null).ToArray();

    /// <summary>A row for a group the modality has no entry for: drawn empty rather than invented.</summary>
    private static double?[] Blank(int columns) => new double?[columns];
}
