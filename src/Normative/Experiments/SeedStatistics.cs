namespace Normative.Experiments;

/// <summary>
/// Summaries over the seeds of one grid cell: the mean and the sample standard deviation
/// s = sqrt(sum (v_k - mean)^2 / (K - 1)), undefined (null) for a single seed.
/// </summary>
internal static class SeedStatistics
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

    /// <summary>"mean ± sd" for Markdown, or the mean alone for a single seed.</summary>
    public static string Format(double mean, double? sd, string format = "0.000") =>
        sd is { } s ? $"{ResultFiles.Short(mean, format)} ± {ResultFiles.Short(s, format)}" : ResultFiles.Short(mean, format);
}
