namespace Normative.Deviation;

/// <summary>Which correlation coefficient.</summary>
public enum CorrelationMethod
{
    /// <summary>Pearson's product-moment r.</summary>
    Pearson,

    /// <summary>Spearman's rho: Pearson's r of the ranks, ties given their average rank.</summary>
    Spearman,
}
