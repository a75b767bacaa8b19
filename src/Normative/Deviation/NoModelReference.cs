namespace Normative.Deviation;

/// <summary>
/// The no-model baseline's reference (issue 21): what the data alone give, with the same machinery as a model's D_mf.
/// Fitted on the training controls' regional values x (already ICV-normalised and z-scored like every model input):
/// regress each region on age and sex (<see cref="CovariateRegression"/>), z-score the residuals with the training
/// controls' sd (the conventions' ddof), then the Mahalanobis distance of the residual z-vector with the conventions'
/// feature-space covariance estimator, inversion policy and outlier rule. A subject's regional deviations are its signed
/// residual z-scores (volume below / SUVR above the controls' expectation shows as its sign).
/// </summary>
/// <remarks>
/// A normative model earns its complexity only where its D_ml or D_mf separates patients from controls better than
/// this distance, which needs no training at all. There is no latent space, so no D_ml.
/// A subject that lacks some regional values (a modality it was not scanned with: NaN cells) is scored over its
/// observed regions only, against the training controls' residual z-vectors restricted to those regions and the
/// estimator refitted on them, with that dimension's threshold: the rule <see cref="NormativeReferenceSet"/> applies
/// to the models, so both sides of a comparison treat a missing modality alike.
/// </remarks>
public sealed class NoModelReference
{
    private readonly double[,] _trainingZ;

    private NoModelReference(CovariateRegression regression, ZScoreReference residualZ, MahalanobisReference distance, OutlierThreshold threshold,
        DeviationConventions conventions, double[,] trainingZ)
    {
        _trainingZ = trainingZ;
        Regression = regression;
        ResidualZ = residualZ;
        Distance = distance;
        Threshold = threshold;
        Conventions = conventions;
    }

    /// <summary>Fits the reference on the training controls' <paramref name="values"/> [n, R] and <paramref name="covariates"/> [n, k].</summary>
    public static NoModelReference Fit(double[,] values, double[,] covariates, DeviationConventions conventions)
    {
        ArgumentNullException.ThrowIfNull(conventions);
        var regression = CovariateRegression.Fit(covariates, values);
        var residualZ = ZScoreReference.Fit(regression.Residuals(covariates, values), conventions.ZScoreDdof);
        var z = residualZ.Transform(regression.Residuals(covariates, values));
        var distance = MahalanobisReference.Fit(z, conventions.FeatureCovariance.CreateEstimator(conventions.Seed), conventions.Inversion);
        var threshold = conventions.Outliers.Calibrate(distance, z, conventions.Seed);
        return new NoModelReference(regression, residualZ, distance, threshold, conventions, z);
    }

    public CovariateRegression Regression { get; }

    /// <summary>Mean and sd of the training controls' residuals per region.</summary>
    public ZScoreReference ResidualZ { get; }

    /// <summary>The Mahalanobis reference of the residual z-vectors (estimate, condition number).</summary>
    public MahalanobisReference Distance { get; }

    /// <summary>Outlier threshold for the squared distance.</summary>
    public OutlierThreshold Threshold { get; }

    public DeviationConventions Conventions { get; }

    /// <summary>
    /// Scores subjects with regional <paramref name="values"/> [n, R] and <paramref name="covariates"/> [n, k]. A NaN
    /// cell marks a region the subject was not measured on: its regional z is NaN and its D^2 is taken over the
    /// observed regions (see the remarks).
    /// </summary>
    /// <exception cref="ArgumentException">A cell is infinite, or a row observes no region (the message names the row).</exception>
    public NoModelScores Score(double[,] values, double[,] covariates)
    {
        ArgumentNullException.ThrowIfNull(values);
        int n = values.GetLength(0), p = ResidualZ.Columns;
        ArrayInput.RequireColumns(values, p, nameof(values));
        var fitted = Regression.Predict(covariates);
        // Unobserved cells are filled with the value whose z is 0, so the complete-case arithmetic is unchanged, then blanked.
        var filled = (double[,])values.Clone();
        var observed = new bool[n, p];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++)
            {
                if (double.IsInfinity(values[i, j]))
                    throw new ArgumentException($"Row {i + 1}, column {j + 1} of '{nameof(values)}' is infinite.", nameof(values));
                observed[i, j] = !double.IsNaN(values[i, j]);
                if (!observed[i, j]) filled[i, j] = fitted[i, j] + ResidualZ.Means[j];
            }
        var z = ResidualZ.Transform(Regression.Residuals(covariates, filled));
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++)
                if (!observed[i, j]) z[i, j] = double.NaN;

        var squared = new double[n];
        var pValues = new double[n];
        var outliers = new bool[n];
        var steps = new double[n];
        foreach (var rows in Enumerable.Range(0, n).GroupBy(i => ObservedKey(observed, i, p)))
        {
            int[] index = rows.ToArray();
            int[] columns = Enumerable.Range(0, p).Where(j => observed[index[0], j]).ToArray();
            if (columns.Length == 0)
                throw new ArgumentException($"Row {index[0] + 1} of '{nameof(values)}' has no observed region; the baseline cannot score it.", nameof(values));
            var (distance, threshold) = columns.Length == p ? (Distance, Threshold) : Marginal(columns);
            double[] d2 = distance.SquaredDistances(ArrayInput.Submatrix(z, index, columns));
            for (int k = 0; k < index.Length; k++)
            {
                squared[index[k]] = d2[k];
                pValues[index[k]] = threshold.PValue(d2[k]);
                steps[index[k]] = threshold.PValueStep;
                outliers[index[k]] = threshold.IsOutlier(d2[k]);
            }
        }
        return new NoModelScores(squared, pValues, outliers, z) { PValueStep = steps };
    }

    /// <summary>The reference and threshold of the training controls' z-vectors restricted to <paramref name="columns"/>.</summary>
    private (MahalanobisReference Distance, OutlierThreshold Threshold) Marginal(int[] columns)
    {
        var training = ArrayInput.Submatrix(_trainingZ, rows: null, columns);
        var distance = MahalanobisReference.Fit(training, Conventions.FeatureCovariance.CreateEstimator(Conventions.Seed), Conventions.Inversion);
        return (distance, Conventions.Outliers.Calibrate(distance, training, Conventions.Seed));
    }

    private static string ObservedKey(bool[,] observed, int row, int columns) =>
        string.Create(columns, (observed, row), static (span, state) =>
        {
            for (int j = 0; j < span.Length; j++) span[j] = state.observed[state.row, j] ? '1' : '0';
        });
}

/// <summary>Per-subject scores of the no-model baseline, in the input's row order.</summary>
/// <param name="SquaredDistance">D^2 of the residual z-vector (the baseline's counterpart of D_mf^2).</param>
/// <param name="PValue">p-value of D^2 under the threshold's reference distribution.</param>
/// <param name="Outlier">Outlier flag.</param>
/// <param name="RegionalZ">[n, R] signed residual z-scores: the baseline's regional deviations (NaN where unobserved).</param>
public sealed record NoModelScores(IReadOnlyList<double> SquaredDistance, IReadOnlyList<double> PValue, IReadOnlyList<bool> Outlier, double[,] RegionalZ)
{
    /// <summary>
    /// Per subject the grid step of its p-value (<see cref="OutlierThreshold.PValueStep"/>: 1 / (n + 1) for an empirical
    /// threshold of n reference distances, 0 for a continuous one); null when not recorded.
    /// </summary>
    public IReadOnlyList<double>? PValueStep { get; init; }

    public int Count => SquaredDistance.Count;
}
