namespace Normative.Deviation;

/// <summary>How the per-region deviation d_j of a reconstruction is measured.</summary>
public enum RegionalErrorKind
{
    /// <summary>d_j = (x_j - x̂_j)^2, the squared error the paper's text describes (§3.4, Eq. 13). Default.</summary>
    Squared,

    /// <summary>d_j = |x_j - x̂_j|, what the authors' released code uses.</summary>
    Absolute,
}
