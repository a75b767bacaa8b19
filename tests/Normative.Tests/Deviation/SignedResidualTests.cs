using Normative.Data;
using Normative.Data.Synthetic;
using Normative.Deviation;

namespace Normative.Tests.Deviation;

/// <summary>Signed regional deviations: (x - x̂) / sd of the training controls' residuals, and the documented disease directions.</summary>
public sealed class SignedResidualTests
{
    [Fact]
    public void Residual_keeps_the_sign_the_squared_error_drops()
    {
        // By hand: 1 - (-1) = 2, -1 - (-0.5) = -0.5; their squares are the squared errors 4 and 0.25.
        double[,] inputs = { { 1, -1 } }, reconstructions = { { -1, -0.5 } };
        var residual = RegionalError.Residual(inputs, reconstructions);
        Assert.Equal(2.0, residual[0, 0], 12);
        Assert.Equal(-0.5, residual[0, 1], 12);
        var squared = RegionalError.Compute(inputs, reconstructions, RegionalErrorKind.Squared);
        Assert.Equal(residual[0, 1] * residual[0, 1], squared[0, 1], 12);
    }

    [Fact]
    public void Scale_divides_by_the_training_sd_without_centring()
    {
        // Column 1 = {1, 2, 3, 4}: sd (ddof 1) = sqrt(5/3) by hand; column 2 = {-2, 0, 0, 2}: sd = sqrt(8/3).
        double[,] training = { { 1, -2 }, { 2, 0 }, { 3, 0 }, { 4, 2 } };
        var reference = ZScoreReference.Fit(training);
        var scaled = reference.Scale(new double[,] { { -3, 1 } });
        Assert.Equal(-3 / Math.Sqrt(5.0 / 3), scaled[0, 0], 12);
        Assert.Equal(1 / Math.Sqrt(8.0 / 3), scaled[0, 1], 12);
    }

    [Fact]
    public void Normative_reference_scales_every_group_by_the_training_residual_sd()
    {
        var conventions = DeviationConventions.Default;
        double[,] latents = Fixtures.Gaussian(40, 2, 1);
        double[,] inputs = Fixtures.Gaussian(40, 3, 2);
        double[,] reconstructions = Fixtures.Gaussian(40, 3, 3, sd: 0.3);
        var training = new DeviationInputs(latents, RegionalError.Compute(inputs, reconstructions, conventions.ErrorKind), conventions.ErrorKind,
            RegionalError.Residual(inputs, reconstructions));
        var reference = NormativeReference.Fit(training, conventions);
        var scores = reference.Score(training);

        var residuals = RegionalError.Residual(inputs, reconstructions);
        var expected = ZScoreReference.Fit(residuals, conventions.ZScoreDdof).Scale(residuals);
        Assert.Equal(expected, scores.SignedResiduals);
        Assert.Equal(residuals, training.Residuals);
        // Without residuals in the inputs there are none in the scores.
        var bare = new DeviationInputs(latents, training.RegionalErrors, conventions.ErrorKind);
        Assert.Null(reference.Score(bare).SignedResiduals);
        Assert.Null(NormativeReference.Fit(bare, conventions).Residuals);
    }

    [Fact]
    public void Residuals_of_the_wrong_shape_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new DeviationInputs(new double[,] { { 0 }, { 1 } }, new double[,] { { 1, 2 }, { 3, 4 } }, RegionalErrorKind.Squared, new double[,] { { 1 }, { 2 } }));
        Assert.Contains("residuals", error.Message);
    }

    [Theory]
    [InlineData(ModalityUnit.Mm3, "Left-Hippocampus", DiseaseDirection.Lower, -1)]
    [InlineData(ModalityUnit.Mm3, "lh_precuneus", DiseaseDirection.Lower, -1)]
    [InlineData(ModalityUnit.Mm3, "Left-choroid-plexus", DiseaseDirection.Higher, 1)]
    [InlineData(ModalityUnit.Mm3, "Right-Lateral-Ventricle", DiseaseDirection.Higher, 1)]
    [InlineData(ModalityUnit.Suvr, "lh_precuneus", DiseaseDirection.Higher, 1)]
    [InlineData(ModalityUnit.Suvr, "Left-Hippocampus", DiseaseDirection.Higher, 1)]
    public void Disease_lowers_tissue_volumes_and_raises_csf_volumes_and_suvr(ModalityUnit unit, string region, DiseaseDirection direction, int sign)
    {
        var found = RegionCatalogue.Default.Get(region);
        Assert.Equal(direction, DiseaseDirections.Of(unit, found));
        Assert.Equal(sign, DiseaseDirections.Of(unit, found).Sign());
    }

    [Fact]
    public void The_synthetic_cohort_plants_disease_in_the_documented_direction()
    {
        var synthetic = SyntheticCohortGenerator.Generate(new SyntheticCohortOptions { Seed = 3, Sizes = new CohortSizes(20, 5, 10, 10, 10) });
        var cohort = synthetic.Cohort;
        foreach (var modality in new[] { SyntheticModalities.Mri, SyntheticModalities.Amyloid })
        {
            var directions = DiseaseDirections.Of(cohort, modality);
            int m = synthetic.GroundTruth.ModalityIndex(modality);
            foreach (var subject in synthetic.GroundTruth.Subjects)
                for (int j = 0; j < directions.Length; j++)
                    Assert.True(directions[j].Sign() * subject.Effects[m][j] >= 0,
                        $"{modality} {cohort.Modality(modality).Regions.Regions[j].Id}: planted effect {subject.Effects[m][j]} against direction {directions[j]}");
            Assert.Contains(synthetic.GroundTruth.Subjects, s => s.Effects[m].Any(e => e != 0));
        }
        Assert.Equal(DiseaseDirection.Lower, DiseaseDirections.Of(cohort, SyntheticModalities.Mri)[cohort.Modality(SyntheticModalities.Mri).Regions.IndexOf("Left-Hippocampus")]);
        Assert.All(DiseaseDirections.Of(cohort, SyntheticModalities.Amyloid), d => Assert.Equal(DiseaseDirection.Higher, d));
    }
}
