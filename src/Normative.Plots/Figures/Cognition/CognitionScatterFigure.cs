using Normative.Plots.Building;

namespace Normative.Plots;

/// <summary>
/// Deviation vs cognition: each patient's deviation score against ADAS13 (higher = more impaired),
/// coloured by group, with the correlations in the title. A normative deviation that tracks
/// cognition is clinically meaningful (mmSIVAE §4.5).
/// </summary>
public static class CognitionScatterFigure
{
    /// <summary>Builds the figure.</summary>
    /// <param name="deviation">Deviation per subject (finite).</param>
    /// <param name="adas13">ADAS13 per subject; NaN where missing (those subjects are counted in the title, not drawn).</param>
    /// <param name="groups">Group label per subject (one colour each).</param>
    /// <param name="correlations">Correlations to report in the title (Pearson, Spearman, ...).</param>
    /// <param name="deviationLabel">Axis label of the score, e.g. "D<sub>mf</sub>".</param>
    /// <param name="renderer">PNG renderer; default <see cref="PngRenderer.Shared"/>.</param>
    public static FigureBundle Build(
        IReadOnlyList<double> deviation,
        IReadOnlyList<double> adas13,
        IReadOnlyList<string> groups,
        IReadOnlyList<CorrelationSummary> correlations,
        string deviationLabel = "D<sub>mf</sub>",
        PngRenderer? renderer = null)
    {
        InputChecks.RequireAny(deviation, "The deviation list", nameof(deviation));
        InputChecks.RequireFinite(deviation, "Deviation", nameof(deviation));
        InputChecks.RequireLength(adas13, deviation.Count, "ADAS13", nameof(adas13));
        InputChecks.RequireLength(groups, deviation.Count, "The group list", nameof(groups));
        ArgumentNullException.ThrowIfNull(correlations);
        for (int i = 0; i < adas13.Count; i++)
        {
            if (double.IsInfinity(adas13[i]))
                throw new ArgumentException($"ADAS13: value {i + 1} is {adas13[i]}; expected a score or NaN for missing.", nameof(adas13));
        }
        foreach (CorrelationSummary c in correlations)
        {
            if (!(Math.Abs(c.R) <= 1) || !(c.P is >= 0 and <= 1))
                throw new ArgumentException($"Correlation '{c.Method}' has r = {c.R}, p = {c.P}; expected |r| ≤ 1 and 0 ≤ p ≤ 1.", nameof(correlations));
        }
        int missing = adas13.Count(double.IsNaN);
        int shown = deviation.Count - missing;
        string stats = string.Join("; ", correlations.Select(c => $"{c.Method} r = {NumberFormat.Value(c.R)}, p = {NumberFormat.PValue(c.P)}"));
        string counts = missing > 0 ? $"n = {shown}; {missing} without ADAS13 not shown" : $"n = {shown}";

        var figure = new PlotlyFigure($"{deviationLabel} vs ADAS13<br><sup>{stats} ({counts})</sup>", width: 820, height: 560);
        List<string> order = InputChecks.InOrderOfAppearance(groups, g => g);
        for (int g = 0; g < order.Count; g++)
        {
            int[] members = Enumerable.Range(0, deviation.Count).Where(i => groups[i] == order[g] && !double.IsNaN(adas13[i])).ToArray();
            figure.AddTrace("scatter",
                ("name", order[g]), ("mode", "markers"),
                ("x", members.Select(i => Rounding.Significant(adas13[i], 4)).ToArray()),
                ("y", members.Select(i => Rounding.Significant(deviation[i], 5)).ToArray()),
                ("marker", Attributes.Of(("color", FigureStyle.SeriesColor(g)), ("size", 6), ("opacity", 0.7))),
                ("hovertemplate", $"{order[g]}<br>ADAS13 = %{{x}}<br>deviation = %{{y:.3g}}<extra></extra>"));
        }
        figure.Layout["xaxis"] = FigureStyle.Axis("ADAS13 (higher = more impaired)");
        figure.Layout["yaxis"] = FigureStyle.Axis(deviationLabel);
        return figure.ToBundle(renderer);
    }
}
