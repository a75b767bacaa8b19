using System.Reflection;
using Plotly.NET;

namespace Normative.Plots;

/// <summary>
/// The plotly.js library that the Plotly.NET assembly embeds, so figures render offline:
/// no CDN, no download, the same version Plotly.NET was built against.
/// </summary>
public static class PlotlyJs
{
    private static readonly Lazy<string> source = new(LoadSource, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The plotly.js version embedded in Plotly.NET (e.g. "2.28.0").</summary>
    public static string Version => Globals.PLOTLYJS_VERSION;

    /// <summary>The minified plotly.js source (about 3.6 MB).</summary>
    public static string Source => source.Value;

    /// <summary>
    /// A <c>&lt;script&gt;</c> element that defines <c>window.Plotly</c> from the inlined source.
    /// </summary>
    /// <remarks>
    /// plotly.js is a UMD bundle: where an AMD loader or CommonJS globals exist (classic Jupyter
    /// Notebook has RequireJS) it registers a module instead of the <c>Plotly</c> global and the
    /// figures' scripts would find nothing. Shadowing <c>define</c>, <c>module</c> and
    /// <c>exports</c> with undefined parameters makes it take the global branch everywhere.
    /// </remarks>
    public static string ScriptElement() =>
        "<script type=\"text/javascript\">(function(define, module, exports) {\n" + Source + "\n})();</script>";

    private static string LoadSource()
    {
        Assembly assembly = typeof(GenericChart).Assembly;
        string resource = $"Plotly.NET.plotly-{Version}.min.js";
        using Stream stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException(
                $"The Plotly.NET assembly ({assembly.GetName().Version}) does not embed '{resource}'; " +
                "offline figures need the plotly.js copy it ships. Check the Plotly.NET package version in Directory.Packages.props.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
