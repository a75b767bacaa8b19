using System.Diagnostics.CodeAnalysis;

namespace Normative.Notebooks.Formatting;

/// <summary>
/// Chooses how a displayed value is shown: the formatters registered last win, then the
/// <see cref="MimeBundleConvention"/> (a public <c>ToMimeBundle()</c> method, so the library and
/// the figure project can describe their types without referencing the engine), then the
/// built-ins (DataFrame tables, Plotly charts, sequences), then <c>ToString()</c>.
/// </summary>
/// <remarks>
/// One registry per script session: HTML that draws Plotly charts gets plotly.js from
/// <see cref="PlotlyScript"/> only the first time in the session (a full copy is ~3.5 MB), so an
/// executed notebook carries the script once and later charts use the loaded copy.
/// </remarks>
public sealed class FormatterRegistry
{
    private readonly List<IMimeFormatter> registered = [];
    private readonly IMimeFormatter[] builtIns = [new MimeBundleConvention(), new DataFrameFormatter(), new PlotlyChartFormatter(), new SequenceFormatter()];
    private bool plotlyScriptEmitted;

    /// <summary>Adds <paramref name="formatter"/>; it takes precedence over those registered before it.</summary>
    public void Register(IMimeFormatter formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        lock (registered) registered.Add(formatter);
    }

    /// <summary>Shows values of type <typeparamref name="T"/> (and derived types) with <paramref name="format"/>.</summary>
    public void Register<T>(Func<T, MimeBundle> format)
    {
        ArgumentNullException.ThrowIfNull(format);
        Register(new DelegateFormatter<T>(format));
    }

    /// <summary>The bundle that shows <paramref name="value"/>; <c>null</c> shows as <c>&lt;null&gt;</c>.</summary>
    public MimeBundle Format(object? value)
    {
        if (value is null) return MimeBundle.Text("<null>");
        IMimeFormatter[] candidates;
        lock (registered) candidates = [.. Enumerable.Reverse(registered), .. builtIns];
        foreach (var formatter in candidates)
        {
            if (formatter.TryFormat(value, out var bundle)) return WithPlotlyScriptOnce(bundle);
        }
        return MimeBundle.Text(PlainTextFormatter.Format(value));
    }

    /// <summary>The bundle for content the caller declares to be of type <paramref name="mimeType"/>.</summary>
    public static MimeBundle Raw(string content, string mimeType)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(mimeType);
        return new MimeBundle([new(mimeType, content)], mimeType == MimeBundle.PlainText ? content : $"<{mimeType}, {content.Length} characters>");
    }

    /// <summary>Prefixes plotly.js to the first HTML of the session that draws a chart.</summary>
    internal MimeBundle WithPlotlyScriptOnce(MimeBundle bundle)
    {
        if (!bundle.TryGetValue(MimeBundle.Html, out var html) || !PlotlyScript.DrawsChart(html)) return bundle;
        lock (builtIns)
        {
            if (plotlyScriptEmitted) return bundle;
            plotlyScriptEmitted = true;
        }
        return bundle.With(MimeBundle.Html, PlotlyScript.InlineTag + html);
    }

    private sealed class DelegateFormatter<T>(Func<T, MimeBundle> format) : IMimeFormatter
    {
        public bool TryFormat(object value, [NotNullWhen(true)] out MimeBundle? bundle)
        {
            bundle = value is T typed ? format(typed) : null;
            return bundle != null;
        }
    }
}
