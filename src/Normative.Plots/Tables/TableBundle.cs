namespace Normative.Plots;

/// <summary>
/// A formatted table as one MIME bundle: <c>text/html</c> (styled, no scripts) and
/// <c>text/plain</c> (a Markdown table), so notebooks, GitHub and terminals all show it.
/// </summary>
public sealed class TableBundle
{
    /// <summary>Wraps an HTML table and its plain-text (Markdown) twin.</summary>
    public TableBundle(string html, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(html);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        Html = html;
        Text = text;
    }

    /// <summary>The table as an HTML fragment.</summary>
    public string Html { get; }

    /// <summary>The table as Markdown.</summary>
    public string Text { get; }

    /// <summary>The bundle the notebook engine displays.</summary>
    public IReadOnlyDictionary<string, string> ToMimeBundle() => new Dictionary<string, string>
    {
        ["text/html"] = Html,
        ["text/plain"] = Text,
    };

    /// <inheritdoc/>
    public override string ToString() => Text;
}
