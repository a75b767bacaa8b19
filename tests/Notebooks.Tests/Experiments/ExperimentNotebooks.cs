using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Normative.Experiments;
using Normative.Notebooks.Runner;

namespace Notebooks.Tests.Experiments;

/// <summary>
/// The repository's experiment notebooks (copied next to the tests from <c>notebooks/</c>), the
/// "test" profile of their <c>profiles.json</c>, and what each must show: which cells draw a figure
/// and which tables must list which methods. Shared by the runner and the nbconvert tests.
/// </summary>
public static class ExperimentNotebooks
{
    /// <summary>The folder the notebooks and profiles.json are copied to.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "ExperimentNotebooks");

    /// <summary>The notebook names, for theories.</summary>
    public static TheoryData<string> Names => [.. Expectations.Keys];

    /// <summary>The notebooks whose executed copy is committed (a new notebook is registered before its copy is made).</summary>
    public static TheoryData<string> NamesWithExecutedCopy => [.. Expectations.Where(e => e.Value.HasExecutedCopy).Select(e => e.Key)];

    /// <summary>A notebook's path.</summary>
    public static string PathOf(string name) => Path.Combine(Folder, name + ".ipynb");

    /// <summary>The "test" profile's overrides that <paramref name="name"/> declares.</summary>
    public static IReadOnlyDictionary<string, string> TestParameters(string name) =>
        NotebookProfiles.Load(Folder).For(NotebookDocument.Load(PathOf(name)), "test");

    /// <summary>The latent sizes of a profile, as the LR tables must show them.</summary>
    public static IReadOnlyList<int> LatentSizesOf(string profile) =>
        [.. NotebookProfiles.Load(Folder)[profile]["LatentSizes"].Trim('[', ']').Split(',').Select(s => int.Parse(s.Trim(), System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>What one notebook must show.</summary>
    /// <param name="FigureCells">Ids of cells whose output is a figure bundle.</param>
    /// <param name="Table1Cell">Id of the cell that shows Table 1, or null.</param>
    /// <param name="Table1Methods">The method keys (MethodCatalogue) Table 1 must have a row for.</param>
    /// <param name="HasExecutedCopy">False while notebooks/executed/ has no copy yet (a notebook whose executed profile
    /// could not be run in the session that added it); set it when the copy is committed.</param>
    public sealed record Expectation(string[] FigureCells, string? Table1Cell = null, string Table1Methods = "", bool HasExecutedCopy = true);

    public static readonly IReadOnlyDictionary<string, Expectation> Expectations = new Dictionary<string, Expectation>
    {
        ["00-data-and-aggregators"] = new(["distributions", "dominated", "disagreeing"]),
        ["01-control-reconstruction"] = new(["figure"]),
        ["02-likelihood-ratio-table"] = new(["chart"], "experiment", "all"),
        ["03-deviation-histograms"] = new(["figure", "latent"]),
        ["04-latent-to-region-mapping"] = new(["latent-figure", "regional-figure"]),
        ["05-cognition-and-planted-truth"] = new(["cognition-figure", "planted-figure"]),
        ["06-mmvm-and-jnf"] = new(["chart", "histograms"], "table", "mmsivae-mopoe,mmvm,jnf,jnf-shared,mmjsd,jmvae,mvtcae"),
        ["07-mmnormvae"] = new(["deviation-none", "deviation-adapted", "frequency", "adas13"]),
    };

    /// <summary>
    /// Checks an executed notebook: no error output anywhere; every figure cell shows a PNG (when
    /// <paramref name="expectPng"/>; without Chromium none, and no error) and, unless
    /// <paramref name="staticOutputs"/>, interactive HTML that loads nothing from the network
    /// (plotly.js is inlined once, in the notebook's first figure); Table 1 has a row for every
    /// method and a column for every latent size (default: the test profile's).
    /// </summary>
    public static void AssertShowsItsResults(string name, NotebookDocument executed, bool staticOutputs = false, IReadOnlyList<int>? latentSizes = null, bool expectPng = true)
    {
        if (staticOutputs && !expectPng) throw new ArgumentException("A static copy shows its figures as PNG.", nameof(expectPng));
        var expectation = Expectations[name];
        var cells = executed.Cells;
        foreach (var cell in cells)
        {
            var error = cell.Outputs.OfType<JsonObject>().FirstOrDefault(o => o["output_type"]?.GetValue<string>() == "error");
            Assert.True(error is null, $"{name}, cell {cell.Id}: {error?["ename"]}: {error?["evalue"]}");
        }

        var figureHtml = new List<string>();
        foreach (var id in expectation.FigureCells)
        {
            var data = DisplayData(name, cells, id);
            if (!expectPng)
            {
                Assert.True(data["image/png"] is null, $"{name}, cell {id}: a PNG without Chromium?");
                var htmlOnly = Text(data["text/html"] ?? throw new Xunit.Sdk.XunitException($"{name}, cell {id}: the figure has no text/html."));
                Assert.Contains("Plotly.newPlot", htmlOnly, StringComparison.Ordinal);
                figureHtml.Add(htmlOnly);
                continue;
            }
            Assert.True(data["image/png"] is not null, $"{name}, cell {id}: the figure has no PNG.");
            var png = Convert.FromBase64String(Text(data["image/png"]!).Replace("\n", "", StringComparison.Ordinal));
            Assert.True(png.Length > 1000 && png[..8].SequenceEqual(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }), $"{name}, cell {id}: the PNG is not a PNG image ({png.Length} bytes).");
            if (staticOutputs)
            {
                Assert.True(data["text/html"] is null, $"{name}, cell {id}: a static copy must not carry the interactive HTML.");
                continue;
            }
            var html = Text(data["text/html"] ?? throw new Xunit.Sdk.XunitException($"{name}, cell {id}: the figure has no text/html."));
            Assert.Contains("Plotly.newPlot", html, StringComparison.Ordinal);
            Assert.True(ExternalReference(html) is null, $"{name}, cell {id}: the figure loads {ExternalReference(html)} from the network.");
            figureHtml.Add(html);
        }
        if (!staticOutputs)
        {
            // The cell order puts the first figure cell of the list first in the notebook: it carries plotly.js.
            var first = cells.Where(c => expectation.FigureCells.Contains(c.Id)).Select(c => c.Id).First();
            Assert.True(figureHtml[Array.IndexOf(expectation.FigureCells, first)].Length > 1_000_000, $"{name}: the first figure does not inline plotly.js.");
        }

        if (expectation.Table1Cell is { } tableCell)
        {
            var table = Text(DisplayData(name, cells, tableCell)["text/plain"]!);
            foreach (var method in MethodCatalogue.Select(expectation.Table1Methods.Split(',')))
                Assert.True(table.Contains($"| {method.Label} |", StringComparison.Ordinal), $"{name}: Table 1 has no row for {method.Label}:\n{table}");
            foreach (var size in latentSizes ?? LatentSizesOf("test"))
                Assert.True(table.Contains($"d = {size} ", StringComparison.Ordinal), $"{name}: Table 1 has no column for d = {size}:\n{table}");
        }
    }

    /// <summary>
    /// The first script or resource the HTML would fetch, or null: script tags with a src, and src/href
    /// attributes outside inline scripts (plotly.js's own text mentions URLs, so inline script bodies
    /// are skipped; inlined HTML cannot contain "&lt;/script&gt;" inside a script).
    /// </summary>
    private static string? ExternalReference(string html)
    {
        var markup = new StringBuilder();
        var position = 0;
        foreach (Match open in Regex.Matches(html, """<script\b[^>]*>""", RegexOptions.IgnoreCase))
        {
            if (open.Index < position) continue;
            if (open.Value.Contains("src=", StringComparison.OrdinalIgnoreCase)) return open.Value;
            markup.Append(html, position, open.Index - position);
            var close = html.IndexOf("</script>", open.Index, StringComparison.OrdinalIgnoreCase);
            position = close < 0 ? html.Length : close + "</script>".Length;
        }
        markup.Append(html, position, html.Length - position);
        var resource = Regex.Match(markup.ToString(), """(src|href)=["']?(https?:)?//[^\s"'>]+""", RegexOptions.IgnoreCase);
        return resource.Success ? resource.Value : null;
    }

    /// <summary>The data of the cell's display or result output.</summary>
    private static JsonObject DisplayData(string name, IReadOnlyList<NotebookCell> cells, string id)
    {
        var cell = cells.SingleOrDefault(c => c.Id == id) ?? throw new Xunit.Sdk.XunitException($"{name}: no cell with id '{id}'.");
        return cell.Outputs.OfType<JsonObject>().Select(o => o["data"]).OfType<JsonObject>().LastOrDefault()
            ?? throw new Xunit.Sdk.XunitException($"{name}, cell {id}: no display output.");
    }

    /// <summary>nbformat text: one string or a list of lines.</summary>
    private static string Text(JsonNode node) =>
        node is JsonArray lines ? string.Concat(lines.Select(l => l!.GetValue<string>())) : node.GetValue<string>();
}
