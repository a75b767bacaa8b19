namespace Normative.Plots;

/// <summary>What a whole HTML page drew in the browser (see <see cref="PngRenderer.RenderHtmlAsync"/>).</summary>
/// <param name="Png">Screenshot of the full page.</param>
/// <param name="PlotCount">Plotly plots that drew an <c>svg.main-svg</c>.</param>
/// <param name="TraceCount">Traces plotly.js laid out, over all plots.</param>
/// <param name="TraceElementCount">Trace groups (<c>.trace</c>, heatmap <c>.hm</c>) present in the plots' SVG.</param>
/// <param name="BlockedRequests">Network requests the page attempted (all refused).</param>
public sealed record HtmlRenderResult(byte[] Png, int PlotCount, int TraceCount, int TraceElementCount, int BlockedRequests);
