namespace Normative.Deviation;

/// <summary>
/// Thrown instead of inverting a singular or too ill-conditioned covariance: the distances it
/// would give are numerically meaningless. The message says what to change
/// (an estimator with shrinkage, or an explicit <see cref="InversionMode"/>).
/// </summary>
public sealed class SingularCovarianceException : InvalidOperationException
{
    public SingularCovarianceException(string message, double conditionNumber) : base(message)
    {
        ConditionNumber = conditionNumber;
    }

    /// <summary>The condition number that was refused (+infinity when singular).</summary>
    public double ConditionNumber { get; }
}
