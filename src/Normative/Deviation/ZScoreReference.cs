using MathNet.Numerics.Statistics;

namespace Normative.Deviation;

/// <summary>
/// Per-column z-scores against training controls (paper Eq. 14): Z_ij = (v_ij - mu_i^norm) / sigma_i^norm,
/// used for Z_ml (v = latent dimension i) and Z_mf (v = regional error i); mu and sigma are the
/// training controls' mean and standard deviation with divisor n - ddof.
/// </summary>
/// <remarks>The authors' code uses <c>np.std</c> (ddof = 0); the unbiased ddof = 1 is the textbook choice.</remarks>
public sealed class ZScoreReference
{
    private readonly double[] _means;
    private readonly double[] _deviations;

    private ZScoreReference(double[] means, double[] deviations, int ddof)
    {
        _means = means;
        _deviations = deviations;
        Ddof = ddof;
    }

    /// <summary>Fits column means and standard deviations of <paramref name="trainingControls"/> [n, k].</summary>
    /// <param name="trainingControls">Reference values, rows = subjects.</param>
    /// <param name="ddof">Delta degrees of freedom of the standard deviation. Range: 0 or 1, and n &gt; ddof.</param>
    public static ZScoreReference Fit(double[,] trainingControls, int ddof = 1)
    {
        ArrayInput.RequireFinite(trainingControls, nameof(trainingControls));
        if (ddof is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(ddof), ddof, "ddof must be 0 or 1.");
        int n = trainingControls.GetLength(0), k = trainingControls.GetLength(1);
        if (n <= ddof) throw new ArgumentException($"Z-scores with ddof = {ddof} need more than {ddof} rows; got {n}.", nameof(trainingControls));
        var means = new double[k];
        var deviations = new double[k];
        for (int j = 0; j < k; j++)
        {
            double[] column = ArrayInput.Column(trainingControls, j);
            means[j] = column.Mean();
            deviations[j] = ddof == 1 ? column.StandardDeviation() : column.PopulationStandardDeviation();
            if (!(deviations[j] > 0))
                throw new ArgumentException($"'{nameof(trainingControls)}' column {j + 1} is constant ({means[j]}); its z-scores are undefined.", nameof(trainingControls));
        }
        return new ZScoreReference(means, deviations, ddof);
    }

    /// <summary>mu_i^norm per column.</summary>
    public IReadOnlyList<double> Means => _means;

    /// <summary>sigma_i^norm per column.</summary>
    public IReadOnlyList<double> StandardDeviations => _deviations;

    /// <summary>Delta degrees of freedom the standard deviations were computed with.</summary>
    public int Ddof { get; }

    /// <summary>Number of columns k.</summary>
    public int Columns => _means.Length;

    /// <summary>Z-scores of every row of <paramref name="values"/> [n, k].</summary>
    public double[,] Transform(double[,] values)
    {
        ArrayInput.RequireFinite(values, nameof(values));
        ArrayInput.RequireColumns(values, Columns, nameof(values));
        var z = new double[values.GetLength(0), Columns];
        for (int i = 0; i < values.GetLength(0); i++)
            for (int j = 0; j < Columns; j++) z[i, j] = (values[i, j] - _means[j]) / _deviations[j];
        return z;
    }

    /// <summary>
    /// Every row of <paramref name="values"/> [n, k] divided by the columns' sigma_i^norm, not centred: a signed
    /// residual x - x̂ in units of the training controls' residual sd, whose zero stays "the model's prediction".
    /// </summary>
    public double[,] Scale(double[,] values)
    {
        ArrayInput.RequireFinite(values, nameof(values));
        ArrayInput.RequireColumns(values, Columns, nameof(values));
        var scaled = new double[values.GetLength(0), Columns];
        for (int i = 0; i < values.GetLength(0); i++)
            for (int j = 0; j < Columns; j++) scaled[i, j] = values[i, j] / _deviations[j];
        return scaled;
    }
}
