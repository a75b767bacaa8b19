using System.Globalization;

namespace Normative.Notebooks.Formatting;

/// <summary>Plain-text form of any value: culture-invariant numbers, <c>ToString()</c> otherwise.</summary>
internal static class PlainTextFormatter
{
    public static string Format(object? value) => value switch
    {
        null => "<null>",
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? value.GetType().Name,
    };
}
