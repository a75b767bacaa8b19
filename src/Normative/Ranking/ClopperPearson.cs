using MathNet.Numerics.Distributions;

namespace Normative.Ranking;

/// <summary>
/// The exact (Clopper-Pearson) interval of a binomial proportion k / n:
/// lower = B^{-1}(alpha/2; k, n - k + 1), upper = B^{-1}(1 - alpha/2; k + 1, n - k), with lower = 0 at k = 0 and
/// upper = 1 at k = n (B^{-1} the beta quantile, alpha = 1 - level).
/// </summary>
/// <remarks>
/// Clopper &amp; Pearson (1934), Biometrika 26, 404-413. Used for observed false-positive rates because it never
/// undercovers: with 48 held-out controls and none flagged, the 95 % upper bound is 1 - 0.025^(1/48) = 0.074,
/// which is what "FPR = 0" on 48 controls can and cannot exclude.
/// </remarks>
public static class ClopperPearson
{
    /// <summary>The interval of <paramref name="successes"/> out of <paramref name="trials"/>.</summary>
    /// <param name="successes">k. Range: 0 &lt;= k &lt;= n.</param>
    /// <param name="trials">n. Range: n &gt;= 1.</param>
    /// <param name="level">Coverage. Range: (0, 1).</param>
    public static ProportionInterval Interval(int successes, int trials, double level = 0.95)
    {
        ProportionInterval.Require(successes, trials, level);
        double alpha = 1 - level;
        double lower = successes == 0 ? 0 : Beta.InvCDF(successes, trials - successes + 1, alpha / 2);
        double upper = successes == trials ? 1 : Beta.InvCDF(successes + 1, trials - successes, 1 - alpha / 2);
        return new ProportionInterval(successes, trials, lower, upper, level, "clopper-pearson");
    }

    /// <summary>
    /// The Clopper-Pearson interval at an effective sample size: for a proportion p̂ estimated from correlated trials
    /// (several values per subject), n* = p̂ (1 - p̂) / Var(p̂) and k* = p̂ n*, then the beta quantiles above at these
    /// (non-integer) counts. Korn &amp; Graubard (1998), "Confidence intervals for proportions with small expected number
    /// of positive counts estimated from survey data", Survey Methodology 24, 193-201. With n* = n it is
    /// <see cref="Interval"/>.
    /// </summary>
    /// <param name="successes">k, the observed count (reported in the result).</param>
    /// <param name="trials">n, the observed number of (correlated) trials. Range: n &gt;= 1.</param>
    /// <param name="effectiveTrials">n*. Range: 0 &lt; n* &lt;= n.</param>
    /// <param name="level">Coverage. Range: (0, 1).</param>
    public static ProportionInterval EffectiveInterval(int successes, int trials, double effectiveTrials, double level = 0.95)
    {
        ProportionInterval.Require(successes, trials, level);
        if (!(effectiveTrials > 0 && effectiveTrials <= trials))
            throw new ArgumentOutOfRangeException(nameof(effectiveTrials), effectiveTrials, $"The effective sample size must lie in (0, {trials}].");
        double alpha = 1 - level;
        double k = effectiveTrials * successes / trials, n = effectiveTrials;
        double lower = successes == 0 ? 0 : Beta.InvCDF(k, n - k + 1, alpha / 2);
        double upper = successes == trials ? 1 : Beta.InvCDF(k + 1, n - k, 1 - alpha / 2);
        return new ProportionInterval(successes, trials, lower, upper, level, "clopper-pearson-effective");
    }
}
