using System.Diagnostics.CodeAnalysis;
using Plotly.NET;

namespace Normative.Notebooks.Formatting;

/// <summary>
/// Shows a Plotly.NET <see cref="GenericChart"/> as interactive offline HTML: the chart's div and
/// the script that draws it; plotly.js itself is added once per session by the registry.
/// </summary>
internal sealed class PlotlyChartFormatter : IMimeFormatter
{
    public bool TryFormat(object value, [NotNullWhen(true)] out MimeBundle? bundle)
    {
        bundle = value is GenericChart chart ? MimeBundle.HtmlWithText(GenericChart.toChartHTML(chart), "Plotly chart") : null;
        return bundle != null;
    }
}
