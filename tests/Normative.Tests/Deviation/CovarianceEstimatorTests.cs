using Normative.Deviation;

namespace Normative.Tests.Deviation;

public class CovarianceEstimatorTests
{
    [Fact]
    public void Sample_covariance_matches_hand_values()
    {
        // x = (1, 2, 3, 4), y = (2, 1, 4, 3): means 2.5, 2.5; sums of squares 5, 5; cross products 3; divisor n - 1 = 3.
        double[,] data = { { 1, 2 }, { 2, 1 }, { 3, 4 }, { 4, 3 } };
        var estimate = new SampleCovariance().Fit(data);
        Assert.Equal([2.5, 2.5], estimate.Location);
        Assert.Equal(5.0 / 3, estimate.Covariance[0, 0], 12);
        Assert.Equal(1.0, estimate.Covariance[0, 1], 12);
        Assert.Equal(5.0 / 3, estimate.Covariance[1, 1], 12);
        Assert.Equal((8.0 / 3) / (2.0 / 3), estimate.ConditionNumber, 10); // eigenvalues 5/3 +- 1
        Assert.Null(estimate.ShrinkageIntensity);
    }

    [Theory]
    [InlineData(12, 4, 3)]
    [InlineData(8, 6, 4)]
    [InlineData(50, 3, 5)]
    public void Ledoit_wolf_matches_an_explicit_loop_computation(int n, int p, int seed)
    {
        double[,] x = Fixtures.Gaussian(n, p, seed);
        for (int i = 0; i < n; i++) x[i, 0] *= 3; // unequal variances, so the target is not already met

        // Ledoit & Wolf (2004), Lemma 3.2-3.4, written out with the normalised norm ||A||^2 = tr(A A^T)/p.
        double[] mean = Fixtures.ColumnMeans(x);
        var s = new double[p, p];
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++)
                for (int k = 0; k < n; k++) s[a, b] += (x[k, a] - mean[a]) * (x[k, b] - mean[b]) / n;
        double mu = Enumerable.Range(0, p).Sum(a => s[a, a]) / p;
        double d2 = 0, bBar2 = 0;
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++) d2 += Math.Pow(s[a, b] - (a == b ? mu : 0), 2) / p;
        for (int k = 0; k < n; k++)
            for (int a = 0; a < p; a++)
                for (int b = 0; b < p; b++)
                    bBar2 += Math.Pow((x[k, a] - mean[a]) * (x[k, b] - mean[b]) - s[a, b], 2) / p / ((double)n * n);
        double rho = Math.Min(bBar2, d2) / d2;

        var estimate = new LedoitWolfCovariance().Fit(x);
        Assert.Equal(rho, estimate.ShrinkageIntensity!.Value, 10);
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++)
                Assert.Equal(rho * (a == b ? mu : 0) + (1 - rho) * s[a, b], estimate.Covariance[a, b], 10);
        Assert.Equal(mean, estimate.Location.ToArray(), new ToleranceComparer(1e-12));
    }

    [Fact]
    public void Ledoit_wolf_is_well_conditioned_when_p_approaches_n()
    {
        double[,] x = Fixtures.Gaussian(12, 10, seed: 9);
        double sample = new SampleCovariance().Fit(x).ConditionNumber;
        var shrunk = new LedoitWolfCovariance().Fit(x);
        Assert.InRange(shrunk.ShrinkageIntensity!.Value, 0.0, 1.0);
        Assert.True(shrunk.ConditionNumber < sample / 5, $"kappa {shrunk.ConditionNumber} vs sample {sample}");
    }

    [Fact]
    public void Mcd_location_resists_planted_gross_outliers()
    {
        // 60 clean points around (0, 0) plus 15 gross outliers at (10, 10) +- noise (20 % contamination).
        double[,] clean = Fixtures.Gaussian(60, 2, seed: 3);
        double[,] outliers = Fixtures.Gaussian(15, 2, seed: 4, mean: 10, sd: 0.5);
        double[,] data = Stack(clean, outliers);
        double[] cleanMean = Fixtures.ColumnMeans(clean);

        var robust = new MinimumCovarianceDeterminant(new McdOptions { Seed = 7 }).Fit(data);
        double[] sampleMean = Fixtures.ColumnMeans(data);
        for (int j = 0; j < 2; j++)
        {
            Assert.InRange(robust.Location[j], cleanMean[j] - 0.3, cleanMean[j] + 0.3);
            Assert.True(Math.Abs(sampleMean[j] - cleanMean[j]) > 1.5, "the planted outliers must move the sample mean");
        }
        // No planted outlier is in the raw or the reweighted support; the clean spread is kept (variance near 1).
        Assert.All(Enumerable.Range(60, 15), i => Assert.False(robust.Support![i]));
        Assert.All(Enumerable.Range(60, 15), i => Assert.False(robust.RawSupport![i]));
        Assert.Equal(39, robust.RawSupport!.Count(s => s)); // h = ceil((75 + 2 + 1) / 2)
        Assert.InRange(robust.Covariance[0, 0], 0.5, 1.6);
    }

    [Fact]
    public void Mcd_is_deterministic_under_a_seed()
    {
        double[,] data = Stack(Fixtures.Gaussian(40, 3, seed: 11), Fixtures.Gaussian(6, 3, seed: 12, mean: 6));
        var first = new MinimumCovarianceDeterminant(new McdOptions { Seed = 42 }).Fit(data);
        var second = new MinimumCovarianceDeterminant(new McdOptions { Seed = 42 }).Fit(data);
        Assert.Equal(first.Location, second.Location);
        Assert.Equal(first.Covariance.ToArray(), second.Covariance.ToArray());
        Assert.Equal(first.Support, second.Support);
    }

    [Fact]
    public void Mcd_on_clean_gaussian_data_is_close_to_the_truth()
    {
        // N(0, diag(1, 4)), n = 400: the consistency factor and reweighting keep the scale near the truth.
        double[,] data = Fixtures.Gaussian(400, 2, seed: 21);
        for (int i = 0; i < 400; i++) data[i, 1] *= 2;
        var estimate = new MinimumCovarianceDeterminant().Fit(data);
        Assert.InRange(estimate.Covariance[0, 0], 0.75, 1.2);
        Assert.InRange(estimate.Covariance[1, 1], 3.0, 4.8);
        // The half-sample covariance underestimates the scale by the asymptotic factor (Croux & Haesbroeck 1999)
        // c = (h/n) / P(chi2_{p+2} <= chi2_{p, h/n}); p = 2, h/n ~ 0.5: chi2_2^-1(0.5) = 2 ln 2, P(chi2_4 <= 2 ln 2) = 1 - (1 + ln 2)/2,
        // c = 0.5 / 0.1534264 = 3.2589; the median-based factor estimates it.
        Assert.InRange(estimate.ConsistencyFactor!.Value, 2.7, 3.9);
        var corrected = new MinimumCovarianceDeterminant(new McdOptions { CorrectReweighted = true }).Fit(data);
        Assert.True(corrected.Covariance[0, 0] > estimate.Covariance[0, 0]);
    }

    [Fact]
    public void Mcd_rejects_too_few_rows_and_exact_fits()
    {
        Assert.Contains("p < h <= n", Assert.Throws<ArgumentException>(() => new MinimumCovarianceDeterminant().Fit(Fixtures.Gaussian(3, 3, 1))).Message);
        double[,] planar = Fixtures.WithDependentColumn(Fixtures.Gaussian(30, 2, seed: 2));
        Assert.Throws<SingularCovarianceException>(() => new MinimumCovarianceDeterminant().Fit(planar));
    }

    [Fact]
    public void Enum_creates_the_named_estimator()
    {
        foreach (CovarianceEstimatorKind kind in Enum.GetValues<CovarianceEstimatorKind>())
            Assert.Equal(kind, kind.CreateEstimator(1).Kind);
    }

    internal static double[,] Stack(double[,] top, double[,] bottom)
    {
        int p = top.GetLength(1);
        var result = new double[top.GetLength(0) + bottom.GetLength(0), p];
        for (int i = 0; i < result.GetLength(0); i++)
            for (int j = 0; j < p; j++) result[i, j] = i < top.GetLength(0) ? top[i, j] : bottom[i - top.GetLength(0), j];
        return result;
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(double value) => 0;
    }
}
