using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Normative.Notebooks.Formatting;

/// <summary>
/// Shows arrays, lists and other sequences by their items (<c>[1, 2, 3]</c>) instead of their
/// type name, the first <see cref="MaxItems"/> of them.
/// </summary>
internal sealed class SequenceFormatter : IMimeFormatter
{
    /// <summary>Items shown before the rest is elided.</summary>
    public const int MaxItems = 50;

    public bool TryFormat(object value, [NotNullWhen(true)] out MimeBundle? bundle)
    {
        bundle = null;
        if (value is string || value is not IEnumerable sequence) return false;
        // Types that define their own text (tensors, data frames) keep it.
        var toString = value.GetType().GetMethod(nameof(ToString), Type.EmptyTypes);
        if (toString?.DeclaringType != typeof(object) && !value.GetType().IsArray && !IsFrameworkCollection(value.GetType())) return false;

        var items = new List<string>();
        var more = false;
        foreach (var item in sequence)
        {
            if (items.Count == MaxItems) { more = true; break; }
            items.Add(item is string s ? $"\"{s}\"" : PlainTextFormatter.Format(item));
        }
        bundle = MimeBundle.Text("[" + string.Join(", ", items) + (more ? ", ..." : "") + "]");
        return true;
    }

    private static bool IsFrameworkCollection(Type type) =>
        type.Namespace?.StartsWith("System.Collections", StringComparison.Ordinal) == true || type.Namespace == "System.Linq";
}
