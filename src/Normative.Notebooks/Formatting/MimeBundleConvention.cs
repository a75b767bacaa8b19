using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Normative.Notebooks.Formatting;

/// <summary>
/// Formats any type with a public instance method <c>ToMimeBundle()</c> returning
/// <c>IReadOnlyDictionary&lt;string, string&gt;</c> (MIME type to content; images base64). A type
/// that also has <c>ToMimeBundle(bool includePlotlyJs)</c> is asked for its bundle without
/// plotly.js, which the registry then inlines once per session.
/// </summary>
/// <remarks>
/// A convention rather than an interface so that the library and the figure project describe
/// their results and figures without referencing the engine (design §1). A figure returns
/// <c>text/html</c> (Plotly's chart fragment) and, where Chromium is installed, <c>image/png</c>
/// (so GitHub and plain viewers show it). Its parameterless <c>ToMimeBundle()</c> must stand alone and so carries plotly.js
/// (~3.6 MB); the overload lets a notebook carry one copy instead of one per figure.
/// </remarks>
internal sealed class MimeBundleConvention : IMimeFormatter
{
    /// <summary>Name of the method the convention looks for.</summary>
    public const string MethodName = "ToMimeBundle";

    private static readonly ConcurrentDictionary<Type, Method?> Methods = new();

    public bool TryFormat(object value, [NotNullWhen(true)] out MimeBundle? bundle)
    {
        bundle = null;
        var method = Methods.GetOrAdd(value.GetType(), FindMethod);
        if (method == null) return false;
        var data = (IEnumerable<KeyValuePair<string, string>>?)method.Info.Invoke(value, method.Arguments)
            ?? throw new InvalidOperationException($"{value.GetType().FullName}.{MethodName}() returned null.");
        bundle = new MimeBundle(data, PlainTextFormatter.Format(value));
        return true;
    }

    /// <summary>The method to call and its arguments: <c>ToMimeBundle(includePlotlyJs: false)</c> when the type has it, else <c>ToMimeBundle()</c>.</summary>
    private sealed record Method(MethodInfo Info, object?[]? Arguments);

    private static Method? FindMethod(Type type)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance;
        if (type.GetMethod(MethodName, flags, [typeof(bool)]) is { } withoutScript && ReturnsBundle(withoutScript))
            return new Method(withoutScript, [false]);
        return type.GetMethod(MethodName, flags, Type.EmptyTypes) is { } plain && ReturnsBundle(plain) ? new Method(plain, null) : null;
    }

    private static bool ReturnsBundle(MethodInfo method) =>
        typeof(IEnumerable<KeyValuePair<string, string>>).IsAssignableFrom(method.ReturnType);
}
