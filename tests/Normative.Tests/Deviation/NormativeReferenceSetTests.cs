using MathNet.Numerics.LinearAlgebra;
using Normative.Deviation;

namespace Normative.Tests.Deviation;

/// <summary>One reference per observed-modality pattern; subjects scored over the regions they have.</summary>
public sealed class NormativeReferenceSetTests
{
    private static readonly FeatureBlock[] Blocks = [new("mri", 3), new("pet", 2)];
    private static readonly ModalityPattern Both = new(["mri", "pet"]);
    private static readonly ModalityPattern MriOnly = new(["mri"]);
    private static readonly DeviationConventions Sample = DeviationConventions.Default with
    {
        LatentCovariance = CovarianceEstimatorKind.Sample,
        FeatureCovariance = CovarianceEstimatorKind.Sample,
    };

    /// <summary>Inputs with <paramref name="withoutPet"/> rows lacking PET (their PET errors NaN).</summary>
    private static DeviationInputs Inputs(double[,] latents, double[,] errors, params int[] withoutPet)
    {
        int n = errors.GetLength(0);
        var mri = new double[n, 3];
        var pet = new double[n, 2];
        var observed = new bool[n, 2];
        for (int i = 0; i < n; i++)
        {
            bool hasPet = !withoutPet.Contains(i);
            observed[i, 0] = true;
            observed[i, 1] = hasPet;
            for (int j = 0; j < 3; j++) mri[i, j] = errors[i, j];
            for (int j = 0; j < 2; j++) pet[i, j] = hasPet ? errors[i, 3 + j] : double.NaN;
        }
        return new DeviationInputs(latents, ["mri", "pet"], [mri, pet], observed, RegionalErrorKind.Squared);
    }

    [Fact]
    public void AnMriOnlySubjectIsScoredAgainstTheMarginalOfTheSampleCovariance()
    {
        double[,] trainLatents = Fixtures.Gaussian(60, 2, 1), trainErrors = Fixtures.Gaussian(60, 5, 2);
        var complete = Inputs(trainLatents, trainErrors);
        // The same controls seen through MRI alone: for the sample covariance, refitting on MRI's columns is the
        // Gaussian marginal, i.e. the 3 x 3 MRI block of the full covariance (closed form, no refit needed).
        var mriInputs = Inputs(trainLatents, trainErrors, Enumerable.Range(0, 60).ToArray());
        var set = NormativeReferenceSet.Fit(Blocks, new Dictionary<ModalityPattern, DeviationInputs> { [Both] = complete, [MriOnly] = mriInputs }, Sample);

        double[,] groupLatents = Fixtures.Gaussian(4, 2, 3), groupErrors = Fixtures.Gaussian(4, 5, 4, mean: 0.5);
        var scores = set.Score(Inputs(groupLatents, groupErrors, 2));

        var full = Matrix<double>.Build.DenseOfArray(trainErrors);
        var mean = full.ColumnSums() / 60;
        var centred = full - Matrix<double>.Build.Dense(60, 5, (i, j) => mean[j]);
        var covariance = centred.TransposeThisAndMultiply(centred) / 59;
        var block = covariance.SubMatrix(0, 3, 0, 3);
        var x = Vector<double>.Build.Dense(3, j => groupErrors[2, j] - mean[j]);
        double expected = x * block.Inverse() * x;
        Assert.Equal(expected, scores.FeatureSquaredDistance[2], 9);

        var y = Vector<double>.Build.Dense(5, j => groupErrors[0, j] - mean[j]);
        Assert.Equal(y * covariance.Inverse() * y, scores.FeatureSquaredDistance[0], 9);
        Assert.Equal(["mri+pet", "mri+pet", "mri", "mri+pet"], scores.ObservedModalities);
        Assert.Equal(3, set.For(MriOnly).FeatureThreshold.DegreesOfFreedom);
        Assert.Equal(5, set.For(Both).FeatureThreshold.DegreesOfFreedom);
        Assert.True(double.IsNaN(scores.FeatureZ[2, 3]) && double.IsNaN(scores.FeatureZ[2, 4]));
        Assert.Equal(ZScoreReference.Fit(trainErrors).Transform(groupErrors)[2, 1], scores.FeatureZ[2, 1], 12);
    }

    [Fact]
    public void APatternWithoutAReferenceNamesTheRowAndPattern()
    {
        var set = NormativeReferenceSet.Fit(Blocks, new Dictionary<ModalityPattern, DeviationInputs> { [Both] = Inputs(Fixtures.Gaussian(40, 2, 1), Fixtures.Gaussian(40, 5, 2)) }, Sample);
        var error = Assert.Throws<ArgumentException>(() => set.Score(Inputs(Fixtures.Gaussian(3, 2, 3), Fixtures.Gaussian(3, 5, 4), 1)));
        Assert.Contains("Row 2", error.Message);
        Assert.Contains("observes mri, which has no reference", error.Message);
    }

    [Fact]
    public void ASingleReferenceRefusesIncompleteSubjects()
    {
        var reference = NormativeReference.Fit(Inputs(Fixtures.Gaussian(40, 2, 1), Fixtures.Gaussian(40, 5, 2)), Sample);
        var error = Assert.Throws<ArgumentException>(() => reference.Score(Inputs(Fixtures.Gaussian(3, 2, 3), Fixtures.Gaussian(3, 5, 4), 1)));
        Assert.Contains("NormativeReferenceSet", error.Message);
    }

    [Fact]
    public void AnObservedNonFiniteErrorIsNamedButAnUnobservedNaNIsFine()
    {
        var errors = Fixtures.Gaussian(3, 5, 4);
        errors[1, 1] = double.NaN;
        var error = Assert.Throws<ArgumentException>(() => Inputs(Fixtures.Gaussian(3, 2, 3), errors));
        Assert.Contains("row 2, column 2 (mri, observed)", error.Message);
        var fine = Inputs(Fixtures.Gaussian(3, 2, 3), Fixtures.Gaussian(3, 5, 4), 0, 2);
        Assert.False(fine.IsComplete);
        Assert.Equal("mri", fine.Pattern(0).Key);
    }

    [Fact]
    public void RegionalErrorsOfAnUnobservedRowAreNaN()
    {
        var errors = RegionalError.Compute(new double[,] { { 1, 2 }, { 0, 0 } }, new double[,] { { 0.5, 2 }, { 9, 9 } }, RegionalErrorKind.Absolute, [true, false]);
        Assert.Equal(0.5, errors[0, 0]);
        Assert.Equal(0.0, errors[0, 1]);
        Assert.True(double.IsNaN(errors[1, 0]) && double.IsNaN(errors[1, 1]));
    }
}
