namespace Normative.Deviation;

/// <summary>Degrees of freedom of the chi-square reference for distances in p dimensions.</summary>
public enum DegreesOfFreedomRule
{
    /// <summary>df = p, the textbook null distribution of a squared Mahalanobis distance. Default.</summary>
    Dimensions,

    /// <summary>df = p - 1, what the authors' code uses (<c>chi2.cdf(d2, df = D - 1)</c>); needs p &gt;= 2.</summary>
    DimensionsMinusOne,
}
