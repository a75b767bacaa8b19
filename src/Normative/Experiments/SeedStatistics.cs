namespace Normative.Experiments;

/// <summary>
/// A grid cell's values over seeds summarised: the mean, the sample standard deviation (null for fewer than two
/// finite seeds or when the mean is infinite), and how many seeds were +infinity or undefined (NaN).
/// </summary>
/// <remarks>The mean is +infinity as soon as one seed is (a mean with an infinite term is infinite); NaN seeds are left out and counted.</remarks>
public sealed record SeedSummary(double Mean, double? StandardDeviation, int Seeds, int InfiniteSeeds, int UndefinedSeeds);

/// <summary>
/// The one home of summaries over the seeds of a grid cell (tables, report, figures): the mean and the sample
/// standard deviation s = sqrt(sum (v_k - mean)^2 / (K - 1)), undefined (null) for a single seed.
/// </summary>
public static class SeedStatistics
{
    /// <summary>Mean of <paramref name="values"/> (at least one).</summary>
    public static double Mean(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("No seed values to summarise.", nameof(values));
        return values.Average();
    }

    /// <summary>Sample standard deviation (K - 1 divisor), or null with fewer than two seeds.</summary>
    public static double? StandardDeviation(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return null;
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    /// <summary>Mean ± sd of values that may be +infinity or NaN (e.g. likelihood ratios), see <see cref="SeedSummary"/>.</summary>
    public static SeedSummary Summarise(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) throw new ArgumentException("No seed values to summarise.", nameof(values));
        double[] finite = values.Where(double.IsFinite).ToArray();
        int infinite = values.Count(double.IsPositiveInfinity);
        int undefined = values.Count(double.IsNaN);
        double mean = infinite > 0 ? double.PositiveInfinity : finite.Length > 0 ? finite.Average() : double.NaN;
        double? sd = infinite == 0 ? StandardDeviation(finite) : null;
        return new SeedSummary(mean, sd, values.Count, infinite, undefined);
    }

    /// <summary>"mean ± sd" for Markdown, or the mean alone for a single seed.</summary>
    public static string Format(double mean, double? sd, string format = "0.000") =>
        sd is { } s ? $"{ResultFiles.Short(mean, format)} ± {ResultFiles.Short(s, format)}" : ResultFiles.Short(mean, format);
}
