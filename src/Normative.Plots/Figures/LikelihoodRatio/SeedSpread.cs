namespace Normative.Plots;

/// <summary>
/// Summary of one <see cref="LikelihoodRatioSeedValues"/> over seeds: mean ± sample standard deviation,
/// with infinite and undefined seeds counted rather than dropped (computed by the library's one home,
/// <see cref="Experiments.SeedStatistics"/>; this type adds the figure's formatting).
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
        var summary = Experiments.SeedStatistics.Summarise(cell.SeedValues);
        return new SeedSpread(summary.Mean, summary.StandardDeviation ?? double.NaN, summary.Seeds, summary.InfiniteSeeds, summary.UndefinedSeeds);
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
