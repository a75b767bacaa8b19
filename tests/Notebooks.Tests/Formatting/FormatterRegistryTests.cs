using Microsoft.Data.Analysis;
using Normative.Notebooks.Engine;
using Normative.Notebooks.Formatting;

namespace Notebooks.Tests.Formatting;

/// <summary>How displayed values become MIME bundles.</summary>
public sealed class FormatterRegistryTests
{
    /// <summary>A result type in the style the library and the figure project use: the ToMimeBundle convention, no engine reference.</summary>
    public sealed class FigureLike
    {
        public IReadOnlyDictionary<string, string> ToMimeBundle() => new Dictionary<string, string>
        {
            ["text/html"] = "<div id='f'></div><script>Plotly.newPlot('f', [], {});</script>",
            ["image/png"] = "iVBORw0KGgo=",
        };

        public override string ToString() => "figure";
    }

    /// <summary>A figure in the style of Normative.Plots' FigureBundle: it can leave plotly.js out of its HTML.</summary>
    public sealed class FigureWithScriptChoice
    {
        public const string OwnScript = "<script>/* its own plotly.js */</script>";

        public List<bool> Requests { get; } = [];

        public IReadOnlyDictionary<string, string> ToMimeBundle() => ToMimeBundle(includePlotlyJs: true);

        public IReadOnlyDictionary<string, string> ToMimeBundle(bool includePlotlyJs)
        {
            Requests.Add(includePlotlyJs);
            return new Dictionary<string, string>
            {
                ["text/html"] = (includePlotlyJs ? OwnScript : "") + "<div id='g'></div><script>Plotly.newPlot('g', [], {});</script>",
                ["image/png"] = "iVBORw0KGgo=",
            };
        }
    }

    [Theory]
    // Expected: culture-invariant numbers, strings verbatim, sequences by item, null as <null>.
    [InlineData(3.5, "3.5")]
    [InlineData(42, "42")]
    [InlineData("text", "text")]
    [InlineData(new[] { 1, 2, 3 }, "[1, 2, 3]")]
    [InlineData(null, "<null>")]
    public void PlainValuesAreText(object? value, string expected)
    {
        var bundle = new FormatterRegistry().Format(value);
        Assert.Equal(expected, bundle[MimeBundle.PlainText]);
        Assert.Equal(new[] { MimeBundle.PlainText }, bundle.Keys);
    }

    [Fact]
    public void DataFramesAreHtmlTables()
    {
        var frame = new DataFrame(new PrimitiveDataFrameColumn<int>("n", [1, 2]), new StringDataFrameColumn("name", ["a<b", "c"]));
        var bundle = new FormatterRegistry().Format(frame);
        Assert.Equal(
            "<table><thead><tr><th></th><th>n</th><th>name</th></tr></thead><tbody>" +
            "<tr><td><i>0</i></td><td>1</td><td>a&lt;b</td></tr><tr><td><i>1</i></td><td>2</td><td>c</td></tr></tbody>" +
            "<caption style=\"caption-side:bottom\">2 rows × 2 columns</caption></table>",
            bundle[MimeBundle.Html]);
        Assert.Contains("a<b", bundle[MimeBundle.PlainText]);
    }

    [Fact]
    public void PlotlyJsIsInlinedOncePerRegistry()
    {
        var registry = new FormatterRegistry();
        var first = registry.Format(Plotly.NET.Chart.Invisible())[MimeBundle.Html];
        var second = registry.Format(Plotly.NET.Chart.Invisible())[MimeBundle.Html];
        var figure = registry.Format(new FigureLike());

        Assert.StartsWith(PlotlyScript.InlineTag, first);
        // plotly.js 2.28 minified is about 3.5 MB; a chart fragment is well under 10 kB.
        Assert.True(first.Length > 3_000_000, $"first chart HTML is {first.Length} characters");
        Assert.True(second.Length < 10_000 && second.Contains("Plotly.newPlot(", StringComparison.Ordinal));
        Assert.DoesNotContain(PlotlyScript.Marker, figure[MimeBundle.Html]);
        Assert.StartsWith(PlotlyScript.InlineTag, new FormatterRegistry().Format(new FigureLike())[MimeBundle.Html]);
    }

    [Fact]
    public void FiguresThatCanLeaveOutPlotlyJsGetTheSessionsSingleCopy()
    {
        var registry = new FormatterRegistry();
        var first = new FigureWithScriptChoice();
        var second = new FigureWithScriptChoice();

        var firstHtml = registry.Format(first)[MimeBundle.Html];
        var secondHtml = registry.Format(second)[MimeBundle.Html];

        // The engine asks for the bundle without plotly.js and inlines its own copy once, into the first figure.
        Assert.Equal([false], first.Requests);
        Assert.Equal([false], second.Requests);
        Assert.StartsWith(PlotlyScript.InlineTag, firstHtml);
        Assert.DoesNotContain(FigureWithScriptChoice.OwnScript, firstHtml);
        Assert.Equal("<div id='g'></div><script>Plotly.newPlot('g', [], {});</script>", secondHtml);
    }

    [Fact]
    public void TypesWithToMimeBundleCarryHtmlPngAndText()
    {
        var bundle = new FormatterRegistry().Format(new FigureLike());
        Assert.Equal(new[] { "image/png", "text/html", "text/plain" }, bundle.Keys);
        Assert.Equal(("iVBORw0KGgo=", "figure"), (bundle[MimeBundle.Png], bundle[MimeBundle.PlainText]));
    }

    [Fact]
    public void RegisteredFormattersWinOverBuiltIns()
    {
        var registry = new FormatterRegistry();
        registry.Register<int[]>(values => MimeBundle.HtmlWithText($"<ol>{string.Concat(values.Select(v => $"<li>{v}</li>"))}</ol>", "list"));
        var bundle = registry.Format(new[] { 1, 2 });
        Assert.Equal(("<ol><li>1</li><li>2</li></ol>", "list"), (bundle[MimeBundle.Html], bundle[MimeBundle.PlainText]));
    }

    [Fact]
    public async Task CellsDisplayThroughTheSessionRegistry()
    {
        using var session = new ScriptSession();
        var result = await session.ExecuteAsync(new CellRequest(
            "Formatters.Register<TimeSpan>(t => Normative.Notebooks.Formatting.MimeBundle.Text($\"{t.TotalSeconds} s\"));\n" +
            "display(TimeSpan.FromSeconds(2));\n" +
            "var frame = new Microsoft.Data.Analysis.DataFrame(new Microsoft.Data.Analysis.PrimitiveDataFrameColumn<double>(\"x\", new[] { 0.5 }));\n" +
            "frame"));
        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal("2 s", Assert.IsType<DisplayOutput>(result.Outputs[0]).Data[MimeBundle.PlainText]);
        // The DataFrame made by the script is the engine's DataFrame type (one load context), so it gets the table.
        Assert.StartsWith("<table>", Assert.IsType<ExecuteResultOutput>(result.Outputs[1]).Data[MimeBundle.Html]);
    }
}
