using System.Globalization;

namespace Normative.Data;

/// <summary>
/// Age as one-hot bins of fixed width (5 years by default, mmSIVAE §4.1), clamped at the ends: an age
/// below the first bin falls in the first, an age above the last in the last, so subjects scored later
/// never fall outside the encoding.
/// </summary>
/// <param name="Start">Lower edge of the first bin, in years.</param>
/// <param name="Width">Bin width in years. Range: &gt; 0.</param>
/// <param name="Count">Number of bins. Range: &gt;= 1.</param>
public sealed record AgeBins(double Start, double Width, int Count)
{
    /// <summary>
    /// Bins covering <paramref name="ages"/> (the training controls' ages): the first starts at the largest
    /// multiple of <paramref name="width"/> at or below the youngest age, the last contains the oldest.
    /// </summary>
    public static AgeBins Fit(IEnumerable<double> ages, double width = 5)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        var list = ages.ToArray();
        if (list.Length == 0) throw new ArgumentException("At least one age is needed to place the age bins.", nameof(ages));
        double first = Math.Floor(list.Min() / width), last = Math.Floor(list.Max() / width);
        return new AgeBins(first * width, width, (int)(last - first) + 1);
    }

    /// <summary>The bin of <paramref name="age"/>, clamped to [0, Count - 1].</summary>
    public int IndexOf(double age)
    {
        double k = Math.Floor((age - Start) / Width);
        return (int)Math.Clamp(k, 0, Count - 1);
    }

    /// <summary>Covariate name of bin <paramref name="k"/>, e.g. <c>age_70_75</c>.</summary>
    public string Label(int k) => string.Create(CultureInfo.InvariantCulture, $"age_{Start + k * Width:0.##}_{Start + (k + 1) * Width:0.##}");
}
