namespace Normative.Ranking;

/// <summary>A proportion k / n with a confidence interval, and the method that made the interval.</summary>
/// <param name="Successes">k.</param>
/// <param name="Trials">n.</param>
/// <param name="Lower">Lower bound. Range: [0, k/n].</param>
/// <param name="Upper">Upper bound. Range: [k/n, 1].</param>
/// <param name="Level">Coverage, e.g. 0.95.</param>
/// <param name="Method">"clopper-pearson" or "wilson".</param>
public sealed record ProportionInterval(int Successes, int Trials, double Lower, double Upper, double Level, string Method)
{
    /// <summary>k / n (0 for n = 0).</summary>
    public double Estimate => Trials == 0 ? 0 : (double)Successes / Trials;

    /// <summary>Checks 0 &lt;= k &lt;= n and 0 &lt; level &lt; 1 (shared by every proportion interval).</summary>
    internal static void Require(int successes, int trials, double level)
    {
        if (trials < 1) throw new ArgumentOutOfRangeException(nameof(trials), trials, "A proportion needs at least one trial.");
        if (successes < 0 || successes > trials)
            throw new ArgumentOutOfRangeException(nameof(successes), successes, $"The count must lie in [0, {trials}].");
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), level, "level must lie in (0, 1).");
    }
}
