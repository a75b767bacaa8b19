using MathNet.Numerics.Distributions;
using Normative.Plots.Building;

namespace Normative.Plots;

/// <summary>
/// Paper Fig 5A: mean |Z_ml| per latent dimension per patient group, with the dotted red line at
/// the significance threshold (1.96, two-sided p &lt; 0.05). Dimensions above it are the ones
/// decoded to map latent deviations onto regions (§4.4).
/// </summary>
/// <remarks>Kumar et al., mmSIVAE, Fig 5A and Eq. 14.</remarks>
public static class LatentDeviationFigure
{
    /// <summary>Builds the figure.</summary>
    /// <param name="groups">One entry per group, all with the same number of latent dimensions.</param>
    /// <param name="threshold">Significance line. Range: &gt; 0 (1.96 for p &lt; 0.05).</param>
    /// <param name="renderer">PNG renderer; default <see cref="PngRenderer.Shared"/>.</param>
    public static FigureBundle Build(IReadOnlyList<LatentGroupDeviation> groups, double threshold = 1.96, PngRenderer? renderer = null)
    {
        InputChecks.RequireAny(groups, "The group list", nameof(groups));
        if (!(threshold > 0) || !double.IsFinite(threshold))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "Expected a finite threshold > 0.");
        int dimensions = groups[0].MeanAbsoluteZ?.Count ?? 0;
        if (dimensions == 0)
            throw new ArgumentException($"Group '{groups[0].Group}' has no latent dimensions.", nameof(groups));
        foreach (LatentGroupDeviation g in groups)
        {
            InputChecks.RequireLength(g.MeanAbsoluteZ, dimensions, $"Mean |Z_ml| of group '{g.Group}'", nameof(groups));
            InputChecks.RequireFinite(g.MeanAbsoluteZ, $"Mean |Z_ml| of group '{g.Group}'", nameof(groups));
        }
        int[] axisDimensions = Enumerable.Range(1, dimensions).ToArray();
        int[] selected = axisDimensions.Where(d => groups.Any(g => g.MeanAbsoluteZ[d - 1] > threshold)).ToArray();
        string subtitle = selected.Length == 0
            ? $"no dimension exceeds {NumberFormat.Value(threshold)}"
            : $"dimensions above {NumberFormat.Value(threshold)} in some group: {string.Join(", ", selected)}";

        var figure = new PlotlyFigure($"Mean |Z<sub>ml</sub>| per latent dimension ({subtitle})", width: Math.Max(700, 60 * dimensions + 250), height: 480);
        figure.Layout["barmode"] = "group";
        for (int g = 0; g < groups.Count; g++)
        {
            figure.AddTrace("bar",
                ("name", groups[g].Group), ("x", axisDimensions), ("y", Rounding.Significant(groups[g].MeanAbsoluteZ, 4)),
                ("marker", Attributes.Of(("color", FigureStyle.SeriesColor(g)))),
                ("hovertemplate", $"{groups[g].Group}<br>dimension %{{x}}: mean |Z| = %{{y:.2f}}<extra></extra>"));
        }
        figure.AddShape(FigureStyle.ThresholdLine("x domain", "y", threshold));
        figure.AddAnnotation(Attributes.Of(
            ("text", $"Z = {NumberFormat.Value(threshold)} (two-sided p = {NumberFormat.PValue(2 * Normal.CDF(0, 1, -threshold))})"), ("showarrow", false),
            ("xref", "x domain"), ("x", 1.0), ("xanchor", "right"), ("yref", "y"), ("y", threshold), ("yanchor", "bottom"),
            ("font", FigureStyle.Font(FigureStyle.FontSize - 1, FigureStyle.ThresholdColor))));
        figure.Layout["xaxis"] = FigureStyle.Axis("latent dimension", ("tickmode", "array"), ("tickvals", axisDimensions), ("showgrid", false));
        figure.Layout["yaxis"] = FigureStyle.Axis("mean |Z<sub>ml</sub>|", ("rangemode", "tozero"));
        return figure.ToBundle(renderer);
    }
}
