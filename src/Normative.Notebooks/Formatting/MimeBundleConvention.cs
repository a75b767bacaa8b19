using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Normative.Notebooks.Formatting;

/// <summary>
/// Formats any type with a public instance method <c>ToMimeBundle()</c> returning
/// <c>IReadOnlyDictionary&lt;string, string&gt;</c> (MIME type to content; images base64).
/// </summary>
/// <remarks>
/// A convention rather than an interface so that the library and the figure project describe
/// their results and figures without referencing the engine (design §1). A figure returns both
/// <c>text/html</c> (Plotly's chart fragment, plotly.js left out: the registry adds it once per
/// session) and <c>image/png</c> (so GitHub and plain viewers show it).
/// </remarks>
internal sealed class MimeBundleConvention : IMimeFormatter
{
    /// <summary>Name of the method the convention looks for.</summary>
    public const string MethodName = "ToMimeBundle";

    private static readonly ConcurrentDictionary<Type, MethodInfo?> Methods = new();

    public bool TryFormat(object value, [NotNullWhen(true)] out MimeBundle? bundle)
    {
        bundle = null;
        var method = Methods.GetOrAdd(value.GetType(), FindMethod);
        if (method == null) return false;
        var data = (IEnumerable<KeyValuePair<string, string>>?)method.Invoke(value, null)
            ?? throw new InvalidOperationException($"{value.GetType().FullName}.{MethodName}() returned null.");
        bundle = new MimeBundle(data, PlainTextFormatter.Format(value));
        return true;
    }

    private static MethodInfo? FindMethod(Type type)
    {
        var method = type.GetMethod(MethodName, BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
        return method != null && typeof(IEnumerable<KeyValuePair<string, string>>).IsAssignableFrom(method.ReturnType) ? method : null;
    }
}
