namespace Normative.Plots.Building;

/// <summary>
/// A categorical region axis ordered lobe by lobe: regions as ticks, thin separators between
/// lobes and the lobe names above each block (used by the reconstruction and effect-map figures).
/// </summary>
internal sealed class LobeAxis
{
    /// <summary>Pixels the lobe labels take above a panel; panel titles are raised by this much.</summary>
    public const int LabelHeight = 14;

    private readonly IReadOnlyList<LobeGroup> groups;

    public LobeAxis(IReadOnlyList<RegionLabel> regions)
    {
        InputChecks.RequireAny(regions, "The region list", nameof(regions));
        groups = RegionOrder.ByLobe(regions);
        Order = RegionOrder.Permutation(groups);
        InputNames = regions.Select(r => r.Name).ToArray();
        Names = Order.Select(i => regions[i].Name).ToArray();
        var duplicate = Names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Region '{duplicate.Key}' appears more than once in the region list.", nameof(regions));
    }

    /// <summary>Input indices in display order.</summary>
    public int[] Order { get; }

    /// <summary>Region names in the caller's order, for error messages.</summary>
    public string[] InputNames { get; }

    /// <summary>Region names in display order (the axis categories).</summary>
    public string[] Names { get; }

    /// <summary>Throws unless there is one value per region (and, with <paramref name="finite"/>, each is finite), naming the region at fault.</summary>
    public void RequireValues(IReadOnlyList<double> values, string what, string parameter, bool finite = true)
    {
        InputChecks.RequireLength(values, InputNames.Length, what, parameter);
        if (finite)
            InputChecks.RequireFinite(values, what, parameter, InputNames);
    }

    /// <summary>Values given in input region order, rearranged into display order.</summary>
    public T[] Arrange<T>(IReadOnlyList<T> valuesInInputOrder) => Order.Select(i => valuesInInputOrder[i]).ToArray();

    /// <summary>The x axis attributes: fixed category order, small rotated tick labels.</summary>
    public Dictionary<string, object> XAxis(bool showTickLabels) => FigureStyle.Axis(
        null,
        ("type", "category"),
        ("categoryorder", "array"),
        ("categoryarray", Names),
        ("tickangle", -60),
        ("tickfont", FigureStyle.Font(FigureStyle.RegionTickFontSize)),
        ("showticklabels", showTickLabels),
        ("showgrid", false));

    /// <summary>Adds lobe labels above the panel and separators between lobes to <paramref name="figure"/>.</summary>
    public void Decorate(PlotlyFigure figure, int panel)
    {
        string xRef = PanelGrid.XRef(panel);
        string yDomain = PanelGrid.YRef(panel) + " domain";
        int start = 0;
        foreach (LobeGroup group in groups)
        {
            int end = start + group.RegionIndices.Count - 1;
            figure.AddAnnotation(Attributes.Of(
                ("text", group.Lobe), ("showarrow", false),
                ("xref", xRef), ("x", (start + end) / 2.0),
                ("yref", yDomain), ("y", 1.0), ("yanchor", "bottom"),
                ("font", FigureStyle.Font(FigureStyle.RegionTickFontSize + 1, FigureStyle.ReferenceColor))));
            if (start > 0)
            {
                figure.AddShape(Attributes.Of(
                    ("type", "line"), ("xref", xRef), ("x0", start - 0.5), ("x1", start - 0.5),
                    ("yref", yDomain), ("y0", 0.0), ("y1", 1.0),
                    ("line", Attributes.Of(("color", FigureStyle.ReferenceColor), ("width", 1), ("dash", "dot")))));
            }
            start = end + 1;
        }
    }
}
