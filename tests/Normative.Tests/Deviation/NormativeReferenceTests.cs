using Normative.Deviation;

namespace Normative.Tests.Deviation;

public class NormativeReferenceTests
{
    private static DeviationInputs Group(int n, int seed, RegionalErrorKind kind, double shift = 0)
    {
        double[,] latents = Fixtures.Gaussian(n, 3, seed, mean: shift);
        double[,] inputs = Fixtures.Gaussian(n, 4, seed + 100);
        double[,] reconstructions = Fixtures.Gaussian(n, 4, seed + 200, sd: 0.3);
        double[,] amyloid = Fixtures.Gaussian(n, 2, seed + 300, mean: shift);
        double[,] amyloidHat = Fixtures.Gaussian(n, 2, seed + 400, sd: 0.3);
        var errors = new[] { RegionalError.Compute(inputs, reconstructions, kind), RegionalError.Compute(amyloid, amyloidHat, kind) };
        var observed = new bool[n, 2];
        for (int i = 0; i < n; i++) observed[i, 0] = observed[i, 1] = true;
        return new DeviationInputs(latents, ["mri", "amyloid"], errors, observed, kind);
    }

    [Fact]
    public void Scores_are_the_components_applied_to_the_group()
    {
        var conventions = DeviationConventions.Default;
        var training = Group(80, 1, conventions.ErrorKind);
        var patients = Group(20, 2, conventions.ErrorKind, shift: 3);
        var reference = NormativeReference.Fit(training, conventions);
        var scores = reference.Score(patients);

        var latent = MahalanobisReference.Fit(training.Latents, new LedoitWolfCovariance());
        var feature = MahalanobisReference.Fit(training.RegionalErrors, new LedoitWolfCovariance());
        var latentThreshold = OutlierThreshold.ChiSquare(3);
        Assert.Equal(latent.SquaredDistances(patients.Latents), scores.LatentSquaredDistance);
        Assert.Equal(feature.SquaredDistances(patients.RegionalErrors), scores.FeatureSquaredDistance);
        Assert.Equal(scores.LatentSquaredDistance.Select(latentThreshold.PValue), scores.LatentPValue);
        Assert.Equal(scores.LatentSquaredDistance.Select(latentThreshold.IsOutlier), scores.LatentOutlier);
        Assert.Equal(6, reference.FeatureThreshold.DegreesOfFreedom);
        Assert.Equal(ZScoreReference.Fit(training.RegionalErrors).Transform(patients.RegionalErrors), scores.FeatureZ);
        Assert.Equal(20, scores.Count);
        // Shifted latents are far from the controls.
        Assert.True(scores.LatentOutlier.Count(o => o) > 10);
    }

    [Fact]
    public void Paper_preset_runs_the_authors_conventions()
    {
        var conventions = DeviationConventions.Paper;
        var reference = NormativeReference.Fit(Group(80, 1, RegionalErrorKind.Absolute), conventions);
        Assert.Equal(CovarianceEstimatorKind.MinimumCovarianceDeterminant, reference.Latent.Estimate.Estimator);
        Assert.Equal(2, reference.LatentThreshold.DegreesOfFreedom); // d - 1
        Assert.Equal(0, reference.LatentZ.Ddof);
        Assert.Equal(InversionMode.PseudoInverse, reference.Feature.Inversion.Mode);
        var scores = reference.Score(Group(10, 3, RegionalErrorKind.Absolute));
        Assert.All(scores.FeaturePValue, p => Assert.InRange(p, 0.0, 1.0));
    }

    [Fact]
    public void Calibrated_preset_uses_cross_fitted_thresholds()
    {
        var reference = NormativeReference.Fit(Group(80, 1, RegionalErrorKind.Squared), DeviationConventions.Calibrated);
        Assert.Equal(ThresholdKind.CrossFittedQuantile, reference.FeatureThreshold.Kind);
        Assert.True(reference.FeatureThreshold.SquaredDistance > 0);
    }

    [Fact]
    public void Mismatched_error_kind_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => NormativeReference.Fit(Group(30, 1, RegionalErrorKind.Absolute), DeviationConventions.Default));
        Assert.Contains("Absolute", error.Message);
    }

    [Fact]
    public void Inputs_need_one_row_per_subject()
    {
        Assert.Throws<ArgumentException>(() => new DeviationInputs(new double[3, 2], new double[4, 2], RegionalErrorKind.Squared));
    }
}
