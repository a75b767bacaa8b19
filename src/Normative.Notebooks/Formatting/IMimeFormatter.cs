using System.Diagnostics.CodeAnalysis;

namespace Normative.Notebooks.Formatting;

/// <summary>
/// Turns values of some types into <see cref="MimeBundle"/>s. Register one with
/// <see cref="FormatterRegistry.Register(IMimeFormatter)"/> (from code or from a notebook cell
/// through the script global <c>Formatters</c>).
/// </summary>
public interface IMimeFormatter
{
    /// <summary>Formats <paramref name="value"/> if this formatter handles its type; otherwise returns false.</summary>
    bool TryFormat(object value, [NotNullWhen(true)] out MimeBundle? bundle);
}
