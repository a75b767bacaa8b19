namespace Normative.Deviation;

/// <summary>How a reference's covariance was actually inverted, so every distance can be traced to it.</summary>
/// <param name="Mode">The configured mode.</param>
/// <param name="ConditionNumber">kappa(S) of the fitted covariance before any intervention.</param>
/// <param name="Ridge">The ridge r added to every eigenvalue (0 unless <see cref="InversionMode.Ridge"/> had to act).</param>
/// <param name="Rank">Eigen-directions used (p unless the pseudo-inverse dropped some).</param>
/// <param name="Dimensions">p.</param>
public sealed record InversionReport(InversionMode Mode, double ConditionNumber, double Ridge, int Rank, int Dimensions)
{
    /// <summary>True when the distances are not those of the plain inverse S^-1 (a ridge was added or directions dropped).</summary>
    public bool Regularised => Ridge > 0 || Rank < Dimensions;
}
