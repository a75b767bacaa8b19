namespace Normative.Plots;

/// <summary>
/// Summary of one <see cref="LikelihoodRatioSeedValues"/> over seeds: mean ± sample standard deviation,
/// with infinite and undefined seeds counted rather than dropped.
/// </summary>
/// <remarks>
/// The mean is +∞ as soon as one seed is +∞ (a mean with an infinite term is infinite); the table
/// then says how many seeds were infinite. Undefined seeds (NaN, 0/0) are left out of the mean and
/// the standard deviation and reported beside them.
/// </remarks>
public sealed record SeedSpread(double Mean, double StandardDeviation, int Seeds, int InfiniteSeeds, int UndefinedSeeds)
{
    /// <summary>Summarises the seed values of <paramref name="cell"/>; negative or −∞ values are errors.</summary>
    public static SeedSpread Of(LikelihoodRatioSeedValues cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(cell.SeedValues, nameof(cell));
        if (cell.SeedValues.Count == 0)
            throw new ArgumentException($"Likelihood ratio of '{cell.Method}' at d = {cell.LatentSize} has no seed values.", nameof(cell));
        for (int i = 0; i < cell.SeedValues.Count; i++)
        {
            double v = cell.SeedValues[i];
            if (v < 0 || double.IsNegativeInfinity(v))
                throw new ArgumentException($"Likelihood ratio of '{cell.Method}' at d = {cell.LatentSize}, seed {i + 1}, is {v}; a ratio of fractions is ≥ 0.", nameof(cell));
        }
        double[] finite = cell.SeedValues.Where(double.IsFinite).ToArray();
        int infinite = cell.SeedValues.Count(double.IsPositiveInfinity);
        int undefined = cell.SeedValues.Count(double.IsNaN);
        double mean = infinite > 0 ? double.PositiveInfinity : finite.Length > 0 ? finite.Average() : double.NaN;
        double sd = infinite == 0 && finite.Length >= 2
            ? Math.Sqrt(finite.Sum(v => (v - mean) * (v - mean)) / (finite.Length - 1))
            : double.NaN;
        return new SeedSpread(mean, sd, cell.SeedValues.Count, infinite, undefined);
    }

    /// <summary>"7.21 ± 0.30"; "7.21" for one seed; "∞ (2/3 seeds)"; " [1 undefined]" appended when seeds were 0/0.</summary>
    public string Format(int decimals = 2)
    {
        string text = double.IsPositiveInfinity(Mean)
            ? InfiniteSeeds == Seeds ? NumberFormat.Infinity : $"{NumberFormat.Infinity} ({InfiniteSeeds}/{Seeds} seeds)"
            : double.IsNaN(StandardDeviation)
                ? NumberFormat.Value(Mean, decimals)
                : $"{NumberFormat.Value(Mean, decimals)} ± {NumberFormat.Value(StandardDeviation, decimals)}";
        return UndefinedSeeds > 0 ? $"{text} [{UndefinedSeeds} undefined]" : text;
    }
}
