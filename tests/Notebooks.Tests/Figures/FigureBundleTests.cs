using System.Diagnostics;
using System.Text.RegularExpressions;
using Normative.Plots;
using Normative.TestSupport;
using Xunit.Abstractions;

namespace Notebooks.Tests.Figures;

/// <summary>
/// Every figure builder yields one bundle: self-contained offline HTML always, and a decodable PNG of
/// the figure's size where Chromium is; without Chromium the bundle is HTML only, never an error.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class FigureBundleTests(ChromiumFixture chromium, ITestOutputHelper output)
{
    private static readonly Regex RemoteScript = new(@"<script[^>]*\bsrc\s*=", RegexOptions.IgnoreCase);

    [Theory]
    [MemberData(nameof(FigureSamples.Names), MemberType = typeof(FigureSamples))]
    public void Builder_gives_self_contained_html(string figure)
    {
        FigureBundle bundle = FigureSamples.Build(figure, chromium.Renderer);

        string html = bundle.Html;
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains($"plotly.js v{PlotlyJs.Version}", html);
        Assert.DoesNotMatch(RemoteScript, html);
        Assert.Contains("Plotly.newPlot(", html);
    }

    [SkippableTheory]
    [MemberData(nameof(FigureSamples.Names), MemberType = typeof(FigureSamples))]
    public void Builder_gives_a_png_of_the_figure_size(string figure)
    {
        ExternalTools.RequireChromium();
        FigureBundle bundle = FigureSamples.Build(figure, chromium.Renderer);
        string html = bundle.Html;

        var watch = Stopwatch.StartNew();
        byte[] png = bundle.Png;
        output.WriteLine($"{figure}: PNG {png.Length} bytes in {watch.ElapsedMilliseconds} ms; HTML {html.Length} chars, fragment {bundle.HtmlFragment(false).Length} chars");
        PngImage image = PngImage.Decode(png);
        Assert.Equal((bundle.Width, bundle.Height), (image.Width, image.Height));
        Assert.True(png.Length > 8_000, $"PNG of {figure} is only {png.Length} bytes; a drawn figure is larger than a blank page");

        IReadOnlyDictionary<string, string> mime = bundle.ToMimeBundle();
        Assert.Equal(png, Convert.FromBase64String(mime["image/png"]));
        Assert.Contains(PlotlyJs.Source[..200], mime["text/html"]);
        Assert.Contains(bundle.Title.Length > 0 ? bundle.Title[..10] : "Figure", mime["text/plain"]);
    }

    [Fact]
    public void Fragment_without_plotlyjs_assumes_it_is_loaded_and_ids_are_unique()
    {
        FigureBundle bundle = FigureSamples.Build("latent", chromium.Renderer);
        string first = bundle.HtmlFragment(includePlotlyJs: false);
        string second = bundle.HtmlFragment(includePlotlyJs: false);

        Assert.DoesNotContain(PlotlyJs.Source[..200], first);
        Assert.True(first.Length < 50_000, $"fragment is {first.Length} chars");
        Assert.StartsWith("<div id=\"figure-", first);
        Assert.NotEqual(Regex.Match(first, "id=\"([^\"]+)\"").Groups[1].Value, Regex.Match(second, "id=\"([^\"]+)\"").Groups[1].Value);
        Assert.Contains(PlotlyJs.Source[..200], bundle.HtmlFragment(includePlotlyJs: true));
        Assert.DoesNotContain(PlotlyJs.Source[..200], bundle.ToMimeBundle(includePlotlyJs: false)["text/html"]);
    }

    [Fact]
    public void Text_that_would_close_the_script_is_escaped()
    {
        FigureBundle bundle = LatentDeviationFigure.Build([new LatentGroupDeviation("</script><b>injected", [1.0, 2.5])], renderer: chromium.Renderer);
        string fragment = bundle.HtmlFragment(includePlotlyJs: false);
        Assert.DoesNotContain("</script><b>", fragment);
        Assert.Contains("<\\/script><b>injected", fragment);
    }

    [Fact]
    public void Without_chromium_the_bundle_is_html_only_and_an_explicit_png_says_how_to_get_one()
    {
        using var missing = new PngRenderer("/nonexistent/chromium");
        FigureBundle bundle = FigureSamples.Build("latent", missing);

        Assert.False(bundle.CanRenderPng);
        IReadOnlyDictionary<string, string> mime = bundle.ToMimeBundle();
        Assert.Equal(["text/html", "text/plain"], mime.Keys);
        Assert.Contains(PlotlyJs.Source[..200], mime["text/html"]);
        Assert.Contains("Plotly.newPlot(", mime["text/html"]);
        var error = Assert.Throws<ChromiumNotFoundException>(() => bundle.Png);
        Assert.Contains("environment/setup-debian.sh", error.Message);
        Assert.Contains(PngRenderer.ChromiumPathVariable, error.Message);
        Assert.False(missing.IsStarted);
    }

    [SkippableFact]
    public void Save_writes_the_html_and_png_files()
    {
        ExternalTools.RequireChromium();
        FigureBundle bundle = FigureSamples.Build("planted-truth", chromium.Renderer);
        string folder = Path.Combine(Path.GetTempPath(), "normative-figure-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            bundle.SaveHtml(Path.Combine(folder, "nested", "figure.html"));
            bundle.SavePng(Path.Combine(folder, "nested", "figure.png"));
            Assert.Equal(bundle.Html, File.ReadAllText(Path.Combine(folder, "nested", "figure.html")));
            Assert.Equal(bundle.Png, File.ReadAllBytes(Path.Combine(folder, "nested", "figure.png")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
