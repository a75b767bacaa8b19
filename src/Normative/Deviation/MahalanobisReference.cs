using MathNet.Numerics.LinearAlgebra;

namespace Normative.Deviation;

/// <summary>
/// A reference distribution summarised by a location m and covariance S fitted on training-control
/// vectors; scores new vectors by the squared Mahalanobis distance
/// D^2(x) = (x - m)^T S^-1 (x - m) = sum_i (v_i^T (x - m))^2 / lambda_i, with S = V diag(lambda) V^T.
/// </summary>
/// <remarks>
/// Distances are squared throughout: that is what is compared with chi-square quantiles (and what
/// scikit-learn's <c>mahalanobis()</c> returns); the paper's Eqs. 12-13 are the square roots.
/// The covariance is inverted through its eigen-decomposition so a pseudo-inverse or a ridge, when
/// explicitly asked for, changes only the eigenvalue weights; <see cref="Inversion"/> records it.
/// </remarks>
public sealed class MahalanobisReference
{
    private readonly Vector<double> _location;
    private readonly Matrix<double> _eigenvectors;
    private readonly Vector<double> _weights;

    /// <summary>Builds the reference from an already fitted estimate.</summary>
    /// <exception cref="SingularCovarianceException">kappa(S) exceeds the limit and the mode is <see cref="InversionMode.Strict"/>.</exception>
    public MahalanobisReference(CovarianceEstimate estimate, CovarianceInversion? inversion = null)
    {
        ArgumentNullException.ThrowIfNull(estimate);
        inversion ??= CovarianceInversion.Strict;
        InversionPolicy = inversion;
        if (!(inversion.MaxConditionNumber > 1))
            throw new ArgumentOutOfRangeException(nameof(inversion), inversion.MaxConditionNumber, "MaxConditionNumber must be > 1.");
        Estimate = estimate;
        _location = Vector<double>.Build.DenseOfEnumerable(estimate.Location);
        _eigenvectors = estimate.Eigenvectors;
        (_weights, Inversion) = InverseEigenvalues(estimate, inversion);
    }

    /// <summary>Fits <paramref name="estimator"/> to <paramref name="reference"/> [n, p] and builds the reference.</summary>
    public static MahalanobisReference Fit(double[,] reference, ICovarianceEstimator estimator, CovarianceInversion? inversion = null)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return new MahalanobisReference(estimator.Fit(reference), inversion) { Estimator = estimator };
    }

    /// <summary>The estimator that fitted this reference; null when it was built from a ready estimate (then it cannot be refitted for cross-fitting).</summary>
    public ICovarianceEstimator? Estimator { get; private init; }

    /// <summary>The inversion policy the reference was built with.</summary>
    public CovarianceInversion InversionPolicy { get; }

    /// <summary>The fitted location and covariance (estimator, condition number, MCD support, shrinkage).</summary>
    public CovarianceEstimate Estimate { get; }

    /// <summary>How the covariance was inverted.</summary>
    public InversionReport Inversion { get; }

    /// <summary>Number of dimensions p.</summary>
    public int Dimensions => _location.Count;

    /// <summary>D^2 of one vector of length p.</summary>
    public double SquaredDistance(IReadOnlyList<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var row = new double[1, x.Count];
        for (int j = 0; j < x.Count; j++) row[0, j] = x[j];
        return SquaredDistances(row)[0];
    }

    /// <summary>D^2 of every row of <paramref name="rows"/> [n, p].</summary>
    public double[] SquaredDistances(double[,] rows)
    {
        ArrayInput.RequireFinite(rows, nameof(rows));
        ArrayInput.RequireColumns(rows, Dimensions, nameof(rows));
        Matrix<double> projected = SampleCovariance.Center(ArrayInput.ToMatrix(rows), _location) * _eigenvectors;
        var result = new double[projected.RowCount];
        for (int i = 0; i < projected.RowCount; i++)
        {
            double sum = 0;
            for (int k = 0; k < Dimensions; k++) sum += projected[i, k] * projected[i, k] * _weights[k];
            result[i] = sum;
        }
        return result;
    }

    private static (Vector<double> Weights, InversionReport Report) InverseEigenvalues(CovarianceEstimate estimate, CovarianceInversion inversion)
    {
        Vector<double> lambda = estimate.Eigenvalues;
        int p = lambda.Count;
        double kappa = estimate.ConditionNumber;
        double max = lambda.Maximum(), min = lambda.Minimum();
        switch (inversion.Mode)
        {
            case InversionMode.Strict:
                if (!(kappa <= inversion.MaxConditionNumber))
                    throw new SingularCovarianceException(
                        $"The {estimate.Estimator} covariance of {estimate.SampleCount} reference vectors in {p} dimensions has condition number {kappa:G4} " +
                        $"(limit {inversion.MaxConditionNumber:G4}); refusing to invert it. Use the Ledoit-Wolf estimator, more reference vectors, " +
                        "or an explicit InversionMode.PseudoInverse / InversionMode.Ridge.", kappa);
                return (lambda.Map(l => 1 / l), new InversionReport(inversion.Mode, kappa, 0, p, p));
            case InversionMode.PseudoInverse:
            {
                // scipy.linalg.pinvh's default cut-off: eigenvalues below p * eps * lambda_max are treated as zero.
                double tolerance = p * MachineEpsilon * max;
                if (!(max > 0)) throw new SingularCovarianceException($"The {estimate.Estimator} covariance is zero; no distance can be defined.", kappa);
                Vector<double> weights = lambda.Map(l => l > tolerance ? 1 / l : 0.0);
                int rank = lambda.Count(l => l > tolerance);
                return (weights, new InversionReport(inversion.Mode, kappa, 0, rank, p));
            }
            case InversionMode.Ridge:
            {
                if (!(max > 0)) throw new SingularCovarianceException($"The {estimate.Estimator} covariance is zero; no ridge makes it invertible.", kappa);
                double c = inversion.MaxConditionNumber;
                // (max + r) / (min + r) = c  =>  r = (max - c min) / (c - 1); no ridge when already below the limit.
                double ridge = kappa <= c ? 0.0 : (max - c * min) / (c - 1);
                return (lambda.Map(l => 1 / (l + ridge)), new InversionReport(inversion.Mode, kappa, ridge, p, p));
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(inversion), inversion.Mode, "Unknown inversion mode.");
        }
    }

    /// <summary>Spacing of doubles at 1 (2^-52), the eps of numpy/scipy.</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;
}
