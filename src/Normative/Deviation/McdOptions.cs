namespace Normative.Deviation;

/// <summary>Settings of <see cref="MinimumCovarianceDeterminant"/>; the defaults reproduce scikit-learn's <c>MinCovDet</c>.</summary>
public sealed record McdOptions
{
    /// <summary>Seed of the random initial subsets; the same seed gives the same estimate.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>
    /// Fraction h/n of vectors in the raw support; null = the maximal-breakdown choice
    /// h = ceil((n + p + 1)/2). Range: (0, 1], with h = floor(fraction n) &gt; p.
    /// </summary>
    public double? SupportFraction { get; init; }

    /// <summary>Random starts, each followed by two C-steps (30 in scikit-learn for n &lt;= 500; Rousseeuw &amp; Van Driessen use 500). Range: &gt;= 1.</summary>
    public int Trials { get; init; } = 30;

    /// <summary>How many of the best starts are iterated to convergence (10 in scikit-learn). Range: &gt;= 1.</summary>
    public int BestCandidates { get; init; } = 10;

    /// <summary>C-step limit for the converging runs (30 in scikit-learn). Range: &gt;= 1.</summary>
    public int MaxIterations { get; init; } = 30;

    /// <summary>
    /// Multiply the reweighted covariance by the consistency factor (1 - delta) / P(chi2_{p+2} &lt; chi2_{p,1-delta})
    /// (Croux &amp; Haesbroeck 1999, delta = 0.025). scikit-learn does not, so the default is false.
    /// </summary>
    public bool CorrectReweighted { get; init; }
}
