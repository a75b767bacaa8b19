using System.Collections;

namespace Normative.Notebooks.Formatting;

/// <summary>
/// One displayed value in several representations, keyed by MIME type (<c>text/plain</c>,
/// <c>text/html</c>, <c>image/png</c> as base64, ...): the <c>data</c> of a Jupyter
/// <c>display_data</c>/<c>execute_result</c> output. Front ends pick the richest type they can
/// render, so every bundle carries <c>text/plain</c>.
/// </summary>
public sealed class MimeBundle : IReadOnlyDictionary<string, string>
{
    /// <summary>MIME type of plain text, present in every bundle.</summary>
    public const string PlainText = "text/plain";

    /// <summary>MIME type of HTML fragments.</summary>
    public const string Html = "text/html";

    /// <summary>MIME type of PNG images (base64-encoded in the bundle).</summary>
    public const string Png = "image/png";

    private readonly SortedDictionary<string, string> data;

    /// <summary>Builds a bundle from <paramref name="data"/>; adds <paramref name="plainText"/> when the data lacks <c>text/plain</c>.</summary>
    public MimeBundle(IEnumerable<KeyValuePair<string, string>> data, string plainText)
    {
        ArgumentNullException.ThrowIfNull(data);
        this.data = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (mime, content) in data)
        {
            if (string.IsNullOrWhiteSpace(mime)) throw new ArgumentException("A MIME bundle key must be a MIME type such as text/html.", nameof(data));
            this.data[mime] = content ?? "";
        }
        if (!this.data.ContainsKey(PlainText)) this.data[PlainText] = plainText;
    }

    /// <summary>A bundle holding only plain text.</summary>
    public static MimeBundle Text(string text) => new([], text);

    /// <summary>A bundle with HTML and its plain-text fallback.</summary>
    public static MimeBundle HtmlWithText(string html, string text) => new([new(Html, html)], text);

    /// <summary>This bundle with <paramref name="mime"/> set to <paramref name="content"/>.</summary>
    public MimeBundle With(string mime, string content)
    {
        var copy = new Dictionary<string, string>(data) { [mime] = content };
        return new MimeBundle(copy, data[PlainText]);
    }

    /// <inheritdoc/>
    public string this[string key] => data[key];

    /// <inheritdoc/>
    public IEnumerable<string> Keys => data.Keys;

    /// <inheritdoc/>
    public IEnumerable<string> Values => data.Values;

    /// <inheritdoc/>
    public int Count => data.Count;

    /// <inheritdoc/>
    public bool ContainsKey(string key) => data.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value) => data.TryGetValue(key, out value);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => data.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
