using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Normative.Deviation;

/// <summary>
/// A fitted location m and covariance S of reference vectors, with the eigen-decomposition
/// S = V diag(lambda) V^T that Mahalanobis distances use and the condition number
/// kappa(S) = lambda_max / lambda_min (+infinity when lambda_min &lt;= 0) reported with it.
/// </summary>
/// <remarks>
/// The condition number is part of the result because D_mf's 180-dimensional error covariance from
/// 248 controls is near-singular (domain-notes §0 item 3); a reader of any table must be able to see
/// how close to singular the matrix behind it was.
/// </remarks>
public sealed class CovarianceEstimate
{
    private readonly Matrix<double> _covariance;

    internal CovarianceEstimate(CovarianceEstimatorKind estimator, Vector<double> location, Matrix<double> covariance, int sampleCount)
    {
        Estimator = estimator;
        _covariance = (covariance + covariance.Transpose()) * 0.5; // exact symmetry for the symmetric eigen-solver
        Location = location.ToArray();
        SampleCount = sampleCount;
        Evd<double> evd = _covariance.Evd(Symmetricity.Symmetric);
        Eigenvalues = evd.EigenValues.Real();
        Eigenvectors = evd.EigenVectors;
        double max = Eigenvalues.Maximum();
        double min = Eigenvalues.Minimum();
        ConditionNumber = min > 0 ? max / min : double.PositiveInfinity;
    }

    /// <summary>The estimator that produced this estimate.</summary>
    public CovarianceEstimatorKind Estimator { get; }

    /// <summary>Location m (length p).</summary>
    public IReadOnlyList<double> Location { get; }

    /// <summary>Number of reference vectors n the estimate was fitted on.</summary>
    public int SampleCount { get; }

    /// <summary>Number of dimensions p.</summary>
    public int Dimensions => Location.Count;

    /// <summary>kappa(S) = lambda_max / lambda_min; +infinity for a singular or indefinite S.</summary>
    public double ConditionNumber { get; }

    /// <summary>Ledoit-Wolf shrinkage intensity rho in [0, 1]; null for other estimators.</summary>
    public double? ShrinkageIntensity { get; init; }

    /// <summary>MCD: which reference vectors carry the final (reweighted) estimate; null for other estimators.</summary>
    public IReadOnlyList<bool>? Support { get; init; }

    /// <summary>MCD: the h vectors of the raw minimum-determinant subset; null for other estimators.</summary>
    public IReadOnlyList<bool>? RawSupport { get; init; }

    /// <summary>MCD: the raw-estimate consistency factor median(d^2) / chi2_p^-1(0.5); null for other estimators.</summary>
    public double? ConsistencyFactor { get; init; }

    /// <summary>A copy of the covariance S (p x p).</summary>
    public Matrix<double> Covariance => _covariance.Clone();

    internal Matrix<double> CovarianceMatrix => _covariance;
    internal Vector<double> Eigenvalues { get; }
    internal Matrix<double> Eigenvectors { get; }
}
