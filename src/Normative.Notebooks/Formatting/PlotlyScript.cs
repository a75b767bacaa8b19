namespace Normative.Notebooks.Formatting;

/// <summary>
/// plotly.js as carried inside the Plotly.NET assembly, wrapped for inlining into an HTML output
/// so charts render offline (no CDN) in VS Code, JupyterLab and saved notebooks.
/// </summary>
public static class PlotlyScript
{
    /// <summary>Marker attribute on the inlined script tag, used to recognise HTML that already carries plotly.js.</summary>
    public const string Marker = "data-normative-plotlyjs";

    private static readonly Lazy<string> Tag = new(BuildTag);

    /// <summary>
    /// Script tags defining <c>window.Plotly</c>. In classic Jupyter Notebook, which loads
    /// require.js, plotly.js's UMD wrapper would register an AMD module instead of the global, so
    /// <c>define</c> is hidden while it runs.
    /// </summary>
    public static string InlineTag => Tag.Value;

    /// <summary>Whether <paramref name="html"/> draws a Plotly chart without carrying plotly.js.</summary>
    public static bool DrawsChart(string html) =>
        html.Contains("Plotly.newPlot(", StringComparison.Ordinal) && !html.Contains(Marker, StringComparison.Ordinal);

    private static string BuildTag()
    {
        // "</script" inside the library would end the tag early; "<\/script" means the same in JavaScript.
        var script = Normative.Plots.PlotlyJs.Source.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
        return $"<script {Marker}=\"hide-amd\">window.__normativeDefine = window.define; window.define = undefined;</script>"
            + $"<script type=\"text/javascript\" {Marker}=\"Plotly.NET.plotly-{Normative.Plots.PlotlyJs.Version}.min.js\">{script}</script>"
            + $"<script {Marker}=\"restore-amd\">window.define = window.__normativeDefine;</script>";
    }
}
