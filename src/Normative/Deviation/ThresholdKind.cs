namespace Normative.Deviation;

/// <summary>Which reference distribution turns a squared distance into an outlier decision.</summary>
public enum ThresholdKind
{
    /// <summary>chi-square with the rule's degrees of freedom: outlier when p = P(chi2 &gt;= D^2) &lt;= alpha (paper §4.3; textbook). Default.</summary>
    ChiSquare,

    /// <summary>
    /// Outlier when D^2 exceeds the (1 - alpha) quantile of the training controls' own, in-sample D^2
    /// (no distributional assumption, but optimistic: in-sample distances are smaller than a new subject's).
    /// </summary>
    EmpiricalQuantile,

    /// <summary>
    /// Outlier when D^2 exceeds the (1 - alpha) quantile of the training controls' cross-fitted D^2
    /// (<see cref="CrossFittedDistances"/>): each control scored like a new subject, no distributional assumption.
    /// </summary>
    CrossFittedQuantile,

    /// <summary>
    /// Hotelling's prediction distribution: for a new vector from the reference Gaussian, with the sample
    /// mean and sample covariance of n reference vectors, n (n - p) D^2 / ((n + 1)(n - 1) p) ~ F(p, n - p).
    /// Exact for the sample covariance; the chi-square is its n -&gt; infinity limit.
    /// </summary>
    HotellingPrediction,
}
