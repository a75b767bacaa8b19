using MathNet.Numerics.LinearAlgebra;

namespace Normative.Deviation;

/// <summary>
/// Sample mean m = (1/n) sum_i x_i and unbiased sample covariance
/// S = 1/(n - 1) sum_i (x_i - m)(x_i - m)^T — the classical estimate behind the authors' D_ml / D_mf
/// box plots (<c>np.cov</c> + matrix inverse).
/// </summary>
public sealed class SampleCovariance : ICovarianceEstimator
{
    /// <inheritdoc/>
    public CovarianceEstimatorKind Kind => CovarianceEstimatorKind.Sample;

    /// <inheritdoc/>
    /// <remarks>Needs n &gt;= 2; the estimate is singular whenever n &lt;= p.</remarks>
    public CovarianceEstimate Fit(double[,] data)
    {
        var x = ArrayInput.ReferenceMatrix(data, 2, "The sample covariance", nameof(data));
        var (mean, covariance) = Moments(x, ddof: 1);
        return new CovarianceEstimate(Kind, mean, covariance, x.RowCount);
    }

    /// <summary>Column means and covariance with divisor n - <paramref name="ddof"/> of the rows of <paramref name="x"/>.</summary>
    internal static (Vector<double> Mean, Matrix<double> Covariance) Moments(Matrix<double> x, int ddof)
    {
        Vector<double> mean = x.ColumnSums() / x.RowCount;
        Matrix<double> centered = Center(x, mean);
        return (mean, centered.TransposeThisAndMultiply(centered) / (x.RowCount - ddof));
    }

    /// <summary>x - 1 m^T.</summary>
    internal static Matrix<double> Center(Matrix<double> x, Vector<double> location)
    {
        var centered = x.Clone();
        for (int j = 0; j < x.ColumnCount; j++)
        {
            double mj = location[j];
            for (int i = 0; i < x.RowCount; i++) centered[i, j] -= mj;
        }
        return centered;
    }
}
