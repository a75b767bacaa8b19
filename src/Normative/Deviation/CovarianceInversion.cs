namespace Normative.Deviation;

/// <summary>How a fitted covariance is inverted: the mode and the largest condition number accepted as it is.</summary>
/// <param name="Mode">What to do above <paramref name="MaxConditionNumber"/>.</param>
/// <param name="MaxConditionNumber">
/// Largest kappa(S) inverted without intervention. Range: &gt; 1. The default 1e10 keeps about six
/// significant digits in double precision, enough for a distance compared with a quantile.
/// </param>
public sealed record CovarianceInversion(InversionMode Mode = InversionMode.Strict, double MaxConditionNumber = 1e10)
{
    /// <summary>Throw above the limit.</summary>
    public static CovarianceInversion Strict { get; } = new();

    /// <summary>Pseudo-inverse whatever the condition number (reported as <see cref="MahalanobisReference.Inversion"/>).</summary>
    public static CovarianceInversion PseudoInverse { get; } = new(InversionMode.PseudoInverse);

    /// <summary>Ridge to the limit above it.</summary>
    public static CovarianceInversion Ridge { get; } = new(InversionMode.Ridge);
}
