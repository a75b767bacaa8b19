using Normative.Plots;
using Normative.TestSupport;

namespace Notebooks.Tests.Figures;

/// <summary>A figure's offline HTML opens in headless Debian Chromium (via Playwright) and draws, with no network request.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class RealBrowserTests(ChromiumFixture chromium)
{
    [SkippableFact]
    public async Task Figure_html_draws_in_headless_chromium_without_network()
    {
        ExternalTools.RequireChromium();
        // The self-contained document of one figure, plus a second figure's fragment that relies on
        // the plotly.js already loaded (how a notebook inlines plotly.js once): both must draw.
        FigureBundle figure = FigureSamples.Build("likelihood-ratio", chromium.Renderer);
        FigureBundle second = FigureSamples.Build("cognition", chromium.Renderer);
        int traces = Plotly.NET.GenericChart.getTraces(figure.Chart).Length + Plotly.NET.GenericChart.getTraces(second.Chart).Length;
        string html = figure.Html.Replace("</body>", second.HtmlFragment(includePlotlyJs: false) + "\n</body>", StringComparison.Ordinal);

        HtmlRenderResult result = await chromium.Renderer.RenderHtmlAsync(html, figure.Width + 40, figure.Height + second.Height + 40);

        Assert.Equal(2, result.PlotCount);
        Assert.Equal(traces, result.TraceCount);
        Assert.True(result.TraceElementCount >= traces, $"{result.TraceElementCount} trace elements drawn for {traces} traces");
        Assert.Equal(0, result.BlockedRequests);
        Assert.True(PngImage.Decode(result.Png).Height >= figure.Height + second.Height);
    }

    [SkippableFact]
    public async Task A_page_that_reaches_out_is_blocked_and_counted()
    {
        ExternalTools.RequireChromium();
        // Guards the test above: if requests were not counted, "0 requests" would prove nothing.
        // A stand-in for a drawn plot keeps this fast (no 3.6 MB plotly.js to parse again).
        const string html = "<!DOCTYPE html><html><body><div class=\"js-plotly-plot\"><svg class=\"main-svg\" width=\"10\" height=\"10\"></svg></div>" +
                            "<img src=\"https://example.invalid/pixel.png\"></body></html>";

        HtmlRenderResult result = await chromium.Renderer.RenderHtmlAsync(html, 200, 100);

        Assert.Equal(1, result.PlotCount);
        Assert.Equal(1, result.BlockedRequests);
    }

    [Fact]
    public void Missing_chromium_fails_with_how_to_install_it()
    {
        using var renderer = new PngRenderer("/nonexistent/chromium");
        var error = Assert.Throws<ChromiumNotFoundException>(() => renderer.Render("{\"data\":[],\"layout\":{}}", 100, 100));
        Assert.Contains("bash environment/setup-debian.sh", error.Message);
        Assert.Contains("apt-get install chromium", error.Message);
        Assert.Contains(PngRenderer.ChromiumPathVariable, error.Message);
        Assert.Equal("/nonexistent/chromium", error.Path);
    }
}
