using Normative.Plots.Building;

namespace Normative.Plots;

/// <summary>
/// The one place that fixes how the package's figures look: fonts, colours, sizes, axes.
/// Every figure builder takes its layout and axes from here, so figures stay consistent.
/// </summary>
public static class FigureStyle
{
    /// <summary>Width of a one-panel figure, CSS pixels.</summary>
    public const int DefaultWidth = 900;

    /// <summary>Height of a one-panel figure, CSS pixels.</summary>
    public const int DefaultHeight = 520;

    /// <summary>Font stack: Arial where present, then the metric-compatible Liberation Sans and DejaVu Sans that Debian ships.</summary>
    public const string FontFamily = "Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";

    /// <summary>Body text size (axis titles, legend), points.</summary>
    public const int FontSize = 13;

    /// <summary>Figure title size, points.</summary>
    public const int TitleFontSize = 17;

    /// <summary>Panel title size, points.</summary>
    public const int PanelTitleFontSize = 14;

    /// <summary>Tick label size for dense region axes (90 regions), points.</summary>
    public const int RegionTickFontSize = 9;

    /// <summary>Text and axis-line colour.</summary>
    public const string TextColor = "#222222";

    /// <summary>Grid-line colour.</summary>
    public const string GridColor = "#e5e5e5";

    /// <summary>Colour of held-out controls wherever controls and patients are compared.</summary>
    public const string ControlColor = "#0072B2";

    /// <summary>Colour of patients wherever controls and patients are compared.</summary>
    public const string PatientColor = "#D55E00";

    /// <summary>Colour of thresholds and significance lines (the paper's dotted red line).</summary>
    public const string ThresholdColor = "#C00000";

    /// <summary>Fill of cells masked as not significant (after FDR correction).</summary>
    public const string MaskedColor = "#d4d4d4";

    /// <summary>Colour of reference lines such as the ROC chance diagonal.</summary>
    public const string ReferenceColor = "#8c8c8c";

    /// <summary>
    /// Categorical palette, colour-blind safe (Okabe &amp; Ito 2008, "Color Universal Design"),
    /// black moved last so it is used least.
    /// </summary>
    public static IReadOnlyList<string> Palette { get; } =
        ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"];

    /// <summary>Diverging scale for signed effect sizes (blue negative, white zero, red positive), ColorBrewer RdBu.</summary>
    public static IReadOnlyList<object[]> DivergingScale { get; } =
    [
        [0.0, "#2166ac"], [0.25, "#67a9cf"], [0.5, "#f7f7f7"], [0.75, "#ef8a62"], [1.0, "#b2182b"],
    ];

    /// <summary>Sequential scale for densities (white to deep blue), ColorBrewer Blues.</summary>
    public static IReadOnlyList<object[]> SequentialScale { get; } =
    [
        [0.0, "#ffffff"], [0.25, "#c6dbef"], [0.5, "#6baed6"], [0.75, "#2171b5"], [1.0, "#08306b"],
    ];

    /// <summary>The palette colour for the <paramref name="index"/>-th series (cycles).</summary>
    public static string SeriesColor(int index) => Palette[((index % Palette.Count) + Palette.Count) % Palette.Count];

    /// <summary>Marker symbols, one per cycle of the palette, so series that share a colour still differ (Table 1 has 16 rows, the palette 8 colours).</summary>
    public static IReadOnlyList<string> SeriesSymbols { get; } = ["diamond", "square", "circle", "triangle-down"];

    /// <summary>The marker symbol for the <paramref name="index"/>-th series: changes each time the colours start over.</summary>
    public static string SeriesSymbol(int index) => SeriesSymbols[Math.Abs(index) / Palette.Count % SeriesSymbols.Count];

    /// <summary>Figure-level layout: title, size, fonts, white background, legend on top.</summary>
    internal static Dictionary<string, object> Layout(string title, int width, int height, bool showLegend) =>
        Attributes.Of(
            ("title", Attributes.Of(("text", title), ("x", 0.012), ("xanchor", "left"), ("font", Font(TitleFontSize)))),
            ("width", width),
            ("height", height),
            ("font", Attributes.Of(("family", FontFamily), ("size", FontSize), ("color", TextColor))),
            ("paper_bgcolor", "white"),
            ("plot_bgcolor", "white"),
            ("showlegend", showLegend),
            ("legend", Attributes.Of(("orientation", "h"), ("x", 1.0), ("xanchor", "right"), ("y", 0.985), ("yanchor", "top"), ("yref", "container"))),
            ("margin", Attributes.Of(("l", 70), ("r", 30), ("t", 90), ("b", 70))),
            ("hovermode", "closest"));

    /// <summary>
    /// Moves the legend to a column right of the panels, for figures with many or long series names
    /// that would wrap the top-right legend into the title (Table 1's 16 methods).
    /// </summary>
    internal static void LegendInRightColumn(Dictionary<string, object> layout, int columnWidth)
    {
        layout["legend"] = Attributes.Of(("orientation", "v"), ("x", 1.01), ("xanchor", "left"), ("y", 1.0), ("yanchor", "top"), ("font", Font(11)));
        ((Dictionary<string, object>)layout["margin"])["r"] = columnWidth;
    }

    /// <summary>
    /// Puts the legend in a row of its own between the title and the panels, for wide figures whose
    /// legend is too long to share the title's row; the title is pinned to the top.
    /// </summary>
    internal static void LegendUnderTitle(Dictionary<string, object> layout, int height)
    {
        ((Dictionary<string, object>)layout["title"])["y"] = 1.0 - 12.0 / height;
        ((Dictionary<string, object>)layout["title"])["yanchor"] = "top";
        layout["legend"] = Attributes.Of(("orientation", "h"), ("x", 0.0), ("xanchor", "left"), ("y", 1.0 - 48.0 / height), ("yanchor", "top"), ("yref", "container"));
        ((Dictionary<string, object>)layout["margin"])["t"] = 120;
    }

    /// <summary>A linear axis with the house grid and line style.</summary>
    internal static Dictionary<string, object> Axis(string? title, params (string Key, object? Value)[] extra)
    {
        var axis = Attributes.Of(
            ("title", title is null ? null : Attributes.Of(("text", title), ("font", Font(FontSize)))),
            ("showgrid", true),
            ("gridcolor", GridColor),
            ("zeroline", false),
            ("showline", true),
            ("linecolor", TextColor),
            ("ticks", "outside"),
            ("automargin", true));
        foreach ((string key, object? value) in extra)
        {
            if (value is not null)
                axis[key] = value;
        }
        return axis;
    }

    /// <summary>A font of the house family at <paramref name="size"/> points.</summary>
    internal static Dictionary<string, object> Font(int size, string? color = null) =>
        Attributes.Of(("family", FontFamily), ("size", size), ("color", color ?? TextColor));

    /// <summary>A horizontal dotted threshold line across one panel, in data units on <paramref name="yRef"/>.</summary>
    internal static Dictionary<string, object> ThresholdLine(string xDomainRef, string yRef, double y) =>
        Attributes.Of(
            ("type", "line"), ("xref", xDomainRef), ("x0", 0.0), ("x1", 1.0), ("yref", yRef), ("y0", y), ("y1", y),
            ("line", Attributes.Of(("color", ThresholdColor), ("width", 2), ("dash", "dot"))));
}
