namespace Normative.Plots.Building;

/// <summary>Rounds plotted values so figure JSON stays small: 17-digit doubles triple the HTML size and add nothing visible.</summary>
internal static class Rounding
{
    /// <summary>Rounds to <paramref name="digits"/> significant digits; non-finite values and zero pass through.</summary>
    public static double Significant(double value, int digits)
    {
        if (value == 0 || !double.IsFinite(value))
            return value;
        int magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        int decimals = digits - 1 - magnitude;
        if (decimals is >= 0 and <= 15)
            return Math.Round(value, decimals);
        double scale = Math.Pow(10, magnitude - digits + 1);
        return Math.Round(value / scale) * scale;
    }

    /// <summary>Every value rounded to <paramref name="digits"/> significant digits.</summary>
    public static double[] Significant(IEnumerable<double> values, int digits) => values.Select(v => Significant(v, digits)).ToArray();
}
