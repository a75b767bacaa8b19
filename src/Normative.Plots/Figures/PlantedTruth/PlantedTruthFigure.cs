using Normative.Plots.Building;

namespace Normative.Plots;

/// <summary>
/// How well each model's regional deviations recover the regions where disease was planted in
/// the synthetic cohort: ROC curves (left) and AUROC per model (right; 0.5 is chance).
/// </summary>
public static class PlantedTruthFigure
{
    /// <summary>Builds the figure.</summary>
    /// <param name="curves">One ROC curve per model.</param>
    /// <param name="renderer">PNG renderer; default <see cref="PngRenderer.Shared"/>.</param>
    public static FigureBundle Build(IReadOnlyList<RocCurve> curves, PngRenderer? renderer = null)
    {
        InputChecks.RequireAny(curves, "The ROC curve list", nameof(curves));
        foreach (RocCurve c in curves)
        {
            string what = $"ROC curve of '{c.Model}'";
            InputChecks.RequireAny(c.FalsePositiveRate, what, nameof(curves));
            InputChecks.RequireLength(c.TruePositiveRate, c.FalsePositiveRate.Count, what + " (TPR)", nameof(curves));
            RequireRates(c.FalsePositiveRate, what + " (FPR)");
            RequireRates(c.TruePositiveRate, what + " (TPR)");
            if (!(c.Auroc is >= 0 and <= 1))
                throw new ArgumentException($"AUROC of '{c.Model}' is {c.Auroc}; expected 0 to 1.", nameof(curves));
        }

        var grid = new PanelGrid(1, 2, horizontalGap: 0.12);
        var figure = new PlotlyFigure("Recovery of the planted regions (synthetic cohort)", width: 1350, height: 520);
        // One curve per modality x stage: six long names would wrap a top legend into the title, so they stand in a column on the right.
        FigureStyle.LegendInRightColumn(figure.Layout, columnWidth: 250);
        for (int m = 0; m < curves.Count; m++)
        {
            figure.AddTrace("scatter",
                ("name", curves[m].Model), ("legendgroup", curves[m].Model), ("mode", "lines"),
                ("x", Rounding.Significant(curves[m].FalsePositiveRate, 4)), ("y", Rounding.Significant(curves[m].TruePositiveRate, 4)),
                ("line", Attributes.Of(("color", FigureStyle.SeriesColor(m)), ("width", 2))),
                ("hovertemplate", $"{curves[m].Model}<br>FPR = %{{x:.2f}}, TPR = %{{y:.2f}}<extra></extra>"));
        }
        figure.AddShape(Attributes.Of(
            ("type", "line"), ("xref", "x"), ("yref", "y"), ("x0", 0.0), ("y0", 0.0), ("x1", 1.0), ("y1", 1.0),
            ("line", Attributes.Of(("color", FigureStyle.ReferenceColor), ("width", 1), ("dash", "dot")))));
        figure.AddTrace("bar",
            ("x", curves.Select(c => c.Model).ToArray()), ("y", curves.Select(c => Rounding.Significant(c.Auroc, 4)).ToArray()),
            ("text", curves.Select(c => NumberFormat.Value(c.Auroc, 3)).ToArray()), ("textposition", "outside"),
            ("marker", Attributes.Of(("color", Enumerable.Range(0, curves.Count).Select(FigureStyle.SeriesColor).ToArray()))),
            ("showlegend", false), ("hovertemplate", "%{x}: AUROC = %{y:.3f}<extra></extra>"),
            ("xaxis", PanelGrid.XRef(1)), ("yaxis", PanelGrid.YRef(1)));
        figure.AddShape(Attributes.Of(
            ("type", "line"), ("xref", PanelGrid.XDomainRef(1)), ("x0", 0.0), ("x1", 1.0), ("yref", PanelGrid.YRef(1)), ("y0", 0.5), ("y1", 0.5),
            ("line", Attributes.Of(("color", FigureStyle.ReferenceColor), ("width", 1), ("dash", "dot")))));
        grid.SetAxes(figure.Layout, 0,
            FigureStyle.Axis("false positive rate", ("range", new[] { 0.0, 1.0 }), ("constrain", "domain")),
            FigureStyle.Axis("true positive rate", ("range", new[] { 0.0, 1.02 })));
        grid.SetAxes(figure.Layout, 1,
            FigureStyle.Axis(null, ("type", "category"), ("showgrid", false)),
            FigureStyle.Axis("AUROC", ("range", new[] { 0.0, 1.1 })));
        figure.AddAnnotation(grid.Title(0, "ROC, planted vs unaffected regions"));
        figure.AddAnnotation(grid.Title(1, "Area under the ROC curve (0.5 = chance)"));
        return figure.ToBundle(renderer);
    }

    private static void RequireRates(IReadOnlyList<double> rates, string what)
    {
        for (int i = 0; i < rates.Count; i++)
        {
            if (!(rates[i] is >= 0 and <= 1))
                throw new ArgumentException($"{what}: value {i + 1} is {rates[i]}; expected a rate from 0 to 1.", "curves");
        }
    }
}
