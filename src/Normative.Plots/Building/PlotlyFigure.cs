using Plotly.NET;

namespace Normative.Plots.Building;

/// <summary>
/// Collects a figure's traces, layout, annotations and shapes as plotly.js attributes, then turns
/// them into a Plotly.NET <see cref="GenericChart"/> and a <see cref="FigureBundle"/>.
/// </summary>
/// <remarks>
/// Plotly.NET's typed chart functions are F# members with dozens of optional parameters and are
/// awkward to call from C#; its trace and layout objects accept plotly.js attributes directly,
/// which keeps every builder close to the plotly.js reference.
/// </remarks>
internal sealed class PlotlyFigure
{
    private readonly List<Dictionary<string, object>> traces = [];
    private readonly List<Dictionary<string, object>> annotations = [];
    private readonly List<Dictionary<string, object>> shapes = [];
    private readonly HashSet<string> legendEntries = [];

    /// <summary>Starts a figure with the house layout (<see cref="FigureStyle.Layout"/>).</summary>
    public PlotlyFigure(string title, int width, int height, bool showLegend = true)
    {
        ArgumentNullException.ThrowIfNull(title);
        Layout = FigureStyle.Layout(title, width, height, showLegend);
    }

    /// <summary>Layout attributes; set axes and other top-level settings here.</summary>
    public Dictionary<string, object> Layout { get; }

    /// <summary>Adds a trace of plotly.js <paramref name="type"/> with the given attributes.</summary>
    public void AddTrace(string type, params (string Key, object? Value)[] attributes)
    {
        Dictionary<string, object> trace = Attributes.Of(attributes);
        trace["type"] = type;
        traces.Add(trace);
    }

    /// <summary>
    /// True the first time <paramref name="legendGroup"/> is asked for: pass it as a trace's <c>showlegend</c>
    /// so a series drawn in several panels is listed once, in the first panel where it appears — a series
    /// missing from the first panel (an amyloid-only model) is still listed.
    /// </summary>
    public bool FirstInLegend(string legendGroup) => legendEntries.Add(legendGroup);

    /// <summary>Adds a layout annotation.</summary>
    public void AddAnnotation(Dictionary<string, object> annotation) => annotations.Add(annotation);

    /// <summary>Adds a layout shape.</summary>
    public void AddShape(Dictionary<string, object> shape) => shapes.Add(shape);

    /// <summary>The Plotly.NET chart (no Plotly.NET default template: the house style is complete).</summary>
    public GenericChart ToChart()
    {
        var traceObjects = new List<Trace>(traces.Count);
        foreach (Dictionary<string, object> attributes in traces)
        {
            var trace = new Trace2D((string)attributes["type"]);
            foreach ((string key, object value) in attributes)
                trace.SetProperty(key, value);
            traceObjects.Add(trace);
        }
        var layout = new Layout();
        foreach ((string key, object value) in Layout)
            layout.SetProperty(key, value);
        if (annotations.Count > 0)
            layout.SetProperty("annotations", annotations.ToArray());
        if (shapes.Count > 0)
            layout.SetProperty("shapes", shapes.ToArray());
        return GenericChart.setLayout(layout, GenericChart.ofTraceObjects(false, traceObjects));
    }

    /// <summary>The chart as a MIME bundle whose PNG <paramref name="renderer"/> renders (default: the shared one).</summary>
    public FigureBundle ToBundle(PngRenderer? renderer) => FigureBundle.From(ToChart(), renderer);
}
