using Normative.Deviation;

namespace Normative.Tests.Deviation;

/// <summary>The no-model baseline's scoring of subjects that lack some regions (issue 21).</summary>
public sealed class NoModelReferenceTests
{
    private static readonly DeviationConventions Conventions = DeviationConventions.Default with
    {
        FeatureCovariance = CovarianceEstimatorKind.Sample,
        Outliers = OutlierRule.Textbook,
    };

    /// <summary>
    /// The regression, the z-scores and the sample covariance are all column-wise or marginal, so a subject with
    /// NaN in some columns must score exactly as against a reference fitted on the observed columns alone: the
    /// Gaussian marginal, by construction rather than by a second implementation.
    /// </summary>
    [Fact]
    public void A_subject_lacking_regions_scores_as_against_a_reference_of_its_observed_regions()
    {
        var random = new Random(3);
        int n = 80, p = 6, m = 5;
        var (values, covariates) = Sample(random, n, p);
        var (scored, scoredCovariates) = Sample(random, m, p);
        int[] observed = [0, 2, 3];
        for (int i = 1; i < m; i += 2)
            for (int j = 0; j < p; j++)
                if (!observed.Contains(j)) scored[i, j] = double.NaN;

        var scores = NoModelReference.Fit(values, covariates, Conventions).Score(scored, scoredCovariates);
        var marginal = NoModelReference.Fit(Columns(values, observed), covariates, Conventions)
            .Score(Columns(scored, observed), scoredCovariates);
        var complete = NoModelReference.Fit(values, covariates, Conventions).Score(Fill(scored), scoredCovariates);

        for (int i = 0; i < m; i++)
        {
            bool partial = i % 2 == 1;
            double expected = partial ? marginal.SquaredDistance[i] : complete.SquaredDistance[i];
            Assert.Equal(expected, scores.SquaredDistance[i], 1e-9 * expected);
            Assert.Equal(partial ? marginal.PValue[i] : complete.PValue[i], scores.PValue[i], 1e-12);
            for (int j = 0; j < p; j++)
            {
                if (partial && !observed.Contains(j)) Assert.True(double.IsNaN(scores.RegionalZ[i, j]));
                else Assert.Equal(complete.RegionalZ[i, j], scores.RegionalZ[i, j], 1e-12);
            }
        }
    }

    [Fact]
    public void A_subject_with_no_observed_region_is_refused_by_row()
    {
        var random = new Random(4);
        var (values, covariates) = Sample(random, 40, 3);
        var (scored, scoredCovariates) = Sample(random, 3, 3);
        for (int j = 0; j < 3; j++) scored[2, j] = double.NaN;
        var error = Assert.Throws<ArgumentException>(() => NoModelReference.Fit(values, covariates, Conventions).Score(scored, scoredCovariates));
        Assert.Contains("Row 3", error.Message);
    }

    private static (double[,] Values, double[,] Covariates) Sample(Random random, int n, int p)
    {
        var values = new double[n, p];
        var covariates = new double[n, 2];
        for (int i = 0; i < n; i++)
        {
            covariates[i, 0] = 60 + 20 * random.NextDouble();
            covariates[i, 1] = random.Next(2);
            double shared = Normal(random);
            for (int j = 0; j < p; j++) values[i, j] = 0.02 * covariates[i, 0] + 0.3 * covariates[i, 1] + shared + Normal(random);
        }
        return (values, covariates);
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double[,] Columns(double[,] data, int[] columns)
    {
        var result = new double[data.GetLength(0), columns.Length];
        for (int i = 0; i < data.GetLength(0); i++)
            for (int c = 0; c < columns.Length; c++) result[i, c] = data[i, columns[c]];
        return result;
    }

    private static double[,] Fill(double[,] data)
    {
        var result = (double[,])data.Clone();
        for (int i = 0; i < data.GetLength(0); i++)
            for (int j = 0; j < data.GetLength(1); j++)
                if (double.IsNaN(result[i, j])) result[i, j] = 0;
        return result;
    }
}
