using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Plotly.NET;

namespace Normative.Plots;

/// <summary>
/// One figure as one MIME bundle: <c>text/html</c> (interactive Plotly, offline) and, where
/// Chromium is installed, <c>image/png</c> (a static render, so GitHub and plain viewers show it).
/// </summary>
/// <remarks>
/// The notebook engine discovers displayable figures by their public <see cref="ToMimeBundle()"/>
/// method. HTML needs nothing outside the package, so a figure never fails for want of a browser:
/// without Chromium (<see cref="CanRenderPng"/> false) the bundle simply carries no PNG. The PNG is
/// rendered lazily, on first use of <see cref="Png"/>, so code that only wants HTML never starts a
/// browser; a failed render is not cached, so it is retried on the next use. The figure is a snapshot of the chart taken by
/// <see cref="From"/>; later changes to the chart object do not reach the bundle.
/// </remarks>
public sealed class FigureBundle
{
    /// <summary>Plotly's run-time options for the interactive figure (no logo, no cloud link).</summary>
    private const string InteractiveConfig = "{\"responsive\":true,\"displaylogo\":false,\"showLink\":false}";

    /// <summary>Makes element ids unique within a process even for identical figures shown twice.</summary>
    private static long sequence;

    private readonly Lazy<byte[]> png;
    private readonly PngRenderer renderer;

    /// <summary>"figure-" and the first 12 hex digits of the SHA-256 of the figure JSON: stable across runs.</summary>
    private readonly string baseId;

    private FigureBundle(GenericChart chart, PngRenderer renderer)
    {
        Chart = chart;
        FigureJson = GenericChart.toFigureJson(chart);
        baseId = "figure-" + ContentHash(FigureJson);
        (Title, int? width, int? height) = ReadLayout(chart);
        Width = width ?? FigureStyle.DefaultWidth;
        Height = height ?? FigureStyle.DefaultHeight;
        this.renderer = renderer;
        png = new Lazy<byte[]>(() => renderer.Render(FigureJson, Width, Height), LazyThreadSafetyMode.PublicationOnly);
    }

    /// <summary>The Plotly.NET chart the bundle was made from.</summary>
    public GenericChart Chart { get; }

    /// <summary>The figure as plotly.js JSON (<c>data</c>, <c>layout</c>, <c>frames</c>).</summary>
    public string FigureJson { get; }

    /// <summary>The layout title, or an empty string.</summary>
    public string Title { get; }

    /// <summary>Width in CSS pixels (the layout's, or <see cref="FigureStyle.DefaultWidth"/>).</summary>
    public int Width { get; }

    /// <summary>Height in CSS pixels (the layout's, or <see cref="FigureStyle.DefaultHeight"/>).</summary>
    public int Height { get; }

    /// <summary>A self-contained HTML document with plotly.js inlined (opens offline).</summary>
    public string Html =>
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n" +
        $"<title>{WebUtility.HtmlEncode(Title.Length > 0 ? Title : "Figure")}</title>\n" +
        PlotlyJs.ScriptElement() + "\n</head>\n<body>\n" + Fragment(baseId, includePlotlyJs: false) + "\n</body>\n</html>\n";

    /// <summary>The static render as PNG bytes (rendered on first use).</summary>
    /// <exception cref="ChromiumNotFoundException">Chromium is not installed (see <see cref="CanRenderPng"/>).</exception>
    public byte[] Png => png.Value;

    /// <summary>Whether a PNG can be rendered here: the renderer's Chromium exists.</summary>
    public bool CanRenderPng => png.IsValueCreated || renderer.IsAvailable;

    /// <summary>Wraps a chart; its PNG is rendered by <paramref name="renderer"/> (default: <see cref="PngRenderer.Shared"/>).</summary>
    public static FigureBundle From(GenericChart chart, PngRenderer? renderer = null)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return new FigureBundle(chart, renderer ?? PngRenderer.Shared);
    }

    /// <summary>
    /// A <c>div</c> and the <c>script</c> that draws into it. With <paramref name="includePlotlyJs"/>
    /// false the fragment assumes <c>window.Plotly</c> is already loaded, so a notebook inlines
    /// plotly.js (~3.6 MB) once rather than once per figure.
    /// </summary>
    /// <remarks>
    /// The element id is the figure's content hash plus a per-process sequence number, so two
    /// fragments of one notebook never share an id and a re-run in the same order reproduces them.
    /// </remarks>
    public string HtmlFragment(bool includePlotlyJs) =>
        Fragment($"{baseId}-{Interlocked.Increment(ref sequence)}", includePlotlyJs);


    private string Fragment(string id, bool includePlotlyJs)
    {
        var html = new StringBuilder();
        if (includePlotlyJs)
            html.Append(PlotlyJs.ScriptElement()).Append('\n');
        html.Append($"<div id=\"{id}\" class=\"normative-figure\" style=\"width:{Width}px;height:{Height}px;\"></div>\n");
        // "</" inside JSON strings would close the script element early; "<\/" is the same string in JS.
        string figure = FigureJson.Replace("</", "<\\/", StringComparison.Ordinal);
        html.Append("<script type=\"text/javascript\">(function() {\n")
            .Append("var figure = ").Append(figure).Append(";\n")
            .Append($"Plotly.newPlot('{id}', figure.data, figure.layout, {InteractiveConfig});\n")
            .Append("})();</script>");
        return html.ToString();
    }

    /// <summary>
    /// The bundle the notebook engine displays: self-contained <c>text/html</c>, <c>text/plain</c>,
    /// and base64 <c>image/png</c> when <see cref="CanRenderPng"/> (otherwise the HTML alone).
    /// </summary>
    public IReadOnlyDictionary<string, string> ToMimeBundle() => ToMimeBundle(includePlotlyJs: true);

    /// <summary>As <see cref="ToMimeBundle()"/>, choosing whether the HTML carries its own plotly.js.</summary>
    public IReadOnlyDictionary<string, string> ToMimeBundle(bool includePlotlyJs)
    {
        var bundle = new Dictionary<string, string> { ["text/html"] = HtmlFragment(includePlotlyJs) };
        if (CanRenderPng)
            bundle["image/png"] = Convert.ToBase64String(Png);
        bundle["text/plain"] = ToString();
        return bundle;
    }

    /// <summary>Writes <see cref="Html"/> to <paramref name="path"/> (UTF-8), creating its folder.</summary>
    public void SaveHtml(string path)
    {
        CreateFolderOf(path);
        File.WriteAllText(path, Html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>Writes <see cref="Png"/> to <paramref name="path"/>, creating its folder.</summary>
    public void SavePng(string path)
    {
        CreateFolderOf(path);
        File.WriteAllBytes(path, Png);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"Figure{(Title.Length > 0 ? $" '{Title}'" : string.Empty)} ({Width}x{Height} px)";

    private static void CreateFolderOf(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
    }

    private static string ContentHash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];

    /// <summary>
    /// Reads title and size from the layout alone: trace data may hold NaN, which Plotly.NET's
    /// serialiser writes as a bare <c>NaN</c> that is valid JavaScript but not JSON.
    /// </summary>
    private static (string Title, int? Width, int? Height) ReadLayout(GenericChart chart)
    {
        string layoutJson = Newtonsoft.Json.JsonConvert.SerializeObject(GenericChart.getLayout(chart));
        using JsonDocument document = JsonDocument.Parse(layoutJson);
        JsonElement layout = document.RootElement;
        if (layout.ValueKind != JsonValueKind.Object)
            return (string.Empty, null, null);
        string title = layout.TryGetProperty("title", out JsonElement t)
            ? t.ValueKind switch
            {
                JsonValueKind.String => t.GetString() ?? string.Empty,
                JsonValueKind.Object when t.TryGetProperty("text", out JsonElement text) && text.ValueKind == JsonValueKind.String => text.GetString() ?? string.Empty,
                _ => string.Empty,
            }
            : string.Empty;
        return (title, ReadPixels(layout, "width"), ReadPixels(layout, "height"));
    }

    private static int? ReadPixels(JsonElement layout, string name) =>
        layout.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number
            ? (int)Math.Round(value.GetDouble())
            : null;
}
