namespace Normative.Deviation;

/// <summary>What a Mahalanobis reference does with a covariance whose condition number exceeds the limit.</summary>
public enum InversionMode
{
    /// <summary>Throw <see cref="SingularCovarianceException"/> (default: never invert a near-singular matrix silently).</summary>
    Strict,

    /// <summary>Moore-Penrose pseudo-inverse: eigenvalues below p * eps * lambda_max count as zero (scipy's <c>pinvh</c>, which scikit-learn uses).</summary>
    PseudoInverse,

    /// <summary>Add the smallest ridge r I that brings the condition number down to the limit, and report r.</summary>
    Ridge,
}
