namespace Normative.Plots.Building;

/// <summary>
/// Places panels (subplots) on a rows x columns grid: each panel gets its own x/y axis pair
/// (<c>x</c>/<c>y</c>, <c>x2</c>/<c>y2</c>, ...) with a domain in paper coordinates, and a title
/// annotation above it. Panels are numbered row by row from the top left.
/// </summary>
internal sealed class PanelGrid
{
    private readonly double horizontalGap;
    private readonly double verticalGap;

    /// <param name="rows">Range: rows ≥ 1.</param>
    /// <param name="columns">Range: columns ≥ 1.</param>
    /// <param name="horizontalGap">Gap between columns as a fraction of the plotting width.</param>
    /// <param name="verticalGap">Gap between rows as a fraction of the plotting height (room for panel titles and tick labels).</param>
    public PanelGrid(int rows, int columns, double horizontalGap = 0.08, double verticalGap = 0.14)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        Rows = rows;
        Columns = columns;
        this.horizontalGap = columns > 1 ? horizontalGap : 0;
        this.verticalGap = rows > 1 ? verticalGap : 0;
    }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int Columns { get; }

    /// <summary>Grid for <paramref name="panels"/> panels filling rows of at most <paramref name="maxColumns"/>.</summary>
    public static PanelGrid ForPanels(int panels, int maxColumns, double verticalGap = 0.14)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(panels, 1);
        int columns = Math.Min(panels, Math.Max(1, maxColumns));
        return new PanelGrid((panels + columns - 1) / columns, columns, verticalGap: verticalGap);
    }

    /// <summary>The trace-side x axis reference of a panel (<c>x</c>, <c>x2</c>, ...).</summary>
    public static string XRef(int panel) => panel == 0 ? "x" : $"x{panel + 1}";

    /// <summary>The trace-side y axis reference of a panel (<c>y</c>, <c>y2</c>, ...).</summary>
    public static string YRef(int panel) => panel == 0 ? "y" : $"y{panel + 1}";

    /// <summary>The reference to a panel's x domain, for shapes spanning the panel's width.</summary>
    public static string XDomainRef(int panel) => XRef(panel) + " domain";

    /// <summary>Horizontal extent of a panel in paper coordinates.</summary>
    public (double Start, double End) XDomain(int panel)
    {
        int column = panel % Columns;
        double width = (1.0 - horizontalGap * (Columns - 1)) / Columns;
        double start = column * (width + horizontalGap);
        return (start, start + width);
    }

    /// <summary>Vertical extent of a panel in paper coordinates (row 0 at the top).</summary>
    public (double Start, double End) YDomain(int panel)
    {
        int row = panel / Columns;
        double height = (1.0 - verticalGap * (Rows - 1)) / Rows;
        double end = 1.0 - row * (height + verticalGap);
        return (end - height, end);
    }

    /// <summary>Sets a panel's axes in <paramref name="layout"/>, fixing their domains and anchoring each to the other.</summary>
    public void SetAxes(Dictionary<string, object> layout, int panel, Dictionary<string, object> xAxis, Dictionary<string, object> yAxis)
    {
        (double x0, double x1) = XDomain(panel);
        (double y0, double y1) = YDomain(panel);
        xAxis["domain"] = new[] { x0, x1 };
        xAxis["anchor"] = YRef(panel);
        yAxis["domain"] = new[] { y0, y1 };
        yAxis["anchor"] = XRef(panel);
        string suffix = panel == 0 ? string.Empty : (panel + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        layout["xaxis" + suffix] = xAxis;
        layout["yaxis" + suffix] = yAxis;
    }

    /// <summary>A title annotation centred above a panel, raised by <paramref name="raise"/> pixels (to clear labels drawn above the panel).</summary>
    public Dictionary<string, object> Title(int panel, string text, int raise = 0)
    {
        (double x0, double x1) = XDomain(panel);
        (_, double y1) = YDomain(panel);
        return Attributes.Of(
            ("text", text), ("showarrow", false),
            ("xref", "paper"), ("yref", "paper"), ("x", (x0 + x1) / 2), ("y", y1),
            ("xanchor", "center"), ("yanchor", "bottom"), ("yshift", 8 + raise),
            ("font", FigureStyle.Font(FigureStyle.PanelTitleFontSize)));
    }
}
