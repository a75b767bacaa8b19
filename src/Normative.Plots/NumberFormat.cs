using System.Globalization;

namespace Normative.Plots;

/// <summary>How numbers appear in figure titles and tables (invariant culture, the paper's precision).</summary>
public static class NumberFormat
{
    /// <summary>The infinity sign used wherever a value is +∞ (e.g. a likelihood ratio with no control outliers).</summary>
    public const string Infinity = "∞";

    /// <summary>A value with <paramref name="decimals"/> decimals; ∞ / −∞ for infinities, "n/a" for NaN.</summary>
    public static string Value(double value, int decimals = 2) => value switch
    {
        double.PositiveInfinity => Infinity,
        double.NegativeInfinity => "−" + Infinity,
        _ when double.IsNaN(value) => "n/a",
        _ => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
    };

    /// <summary>A p-value: three decimals down to 0.001, scientific notation below (e.g. 3.2e-12).</summary>
    /// <remarks>A p-value of exactly 0 is an underflow (below the smallest double, ~1e-308) and shows as "&lt; 1e-300".</remarks>
    public static string PValue(double p) => double.IsNaN(p)
        ? "n/a"
        : p <= 0
        ? "< 1e-300"
        : p >= 0.001
            ? p.ToString("0.000", CultureInfo.InvariantCulture)
            : p.ToString("0.0e+0", CultureInfo.InvariantCulture).Replace("e+", "e", StringComparison.Ordinal);
}
