using Normative.Data;
using Normative.Data.Synthetic;

namespace Normative.Tests.Data;

public sealed class PreprocessingTests
{
    private static readonly Cohort Small = SyntheticCohortGenerator.Generate(
        new SyntheticCohortOptions { Seed = 21, Sizes = CohortSizes.Paper.Scale(0.2) }).Cohort;

    [Fact]
    public void TrainingControlsHaveMeanZeroAndSdOnePerRegion()
    {
        var state = CohortPreprocessor.Fit(Small);
        using var train = state.TrainTensors(Small);
        foreach (var modality in train.Modalities)
        {
            using var x = modality.to(TorchSharp.torch.ScalarType.Float64);
            using var mean = x.mean([0L]);
            using var sd = x.std([0L], unbiased: false); // ddof = 0, as the fit
            // float32 storage: 1e-5 is well above its rounding of values of order 1.
            Assert.True(mean.abs().max().item<double>() < 1e-5);
            Assert.True((sd - 1).abs().max().item<double>() < 1e-5);
        }
    }

    [Fact]
    public void MriIsDividedByIcvAndAmyloidIsNot()
    {
        var state = CohortPreprocessor.Fit(Small);
        Assert.True(state.Modality("mri").DividesByIcv);
        Assert.False(state.Modality("amyloid").DividesByIcv);
        // Hippocampus / ICV is about 3700 / 1.5e6 = 2.5e-3 (domain-notes §2.4).
        int j = Array.IndexOf(state.Modality("mri").Regions, "Left-Hippocampus");
        Assert.InRange(state.Modality("mri").Mean[j], 2.0e-3, 3.0e-3);
    }

    [Fact]
    public void InverseTransformRoundTrips()
    {
        var state = CohortPreprocessor.Fit(Small);
        foreach (var table in Small.Modalities)
        {
            var scaling = state.Modality(table.Name);
            for (int i = 0; i < Small.Subjects.Count; i += 17)
            {
                var raw = table.Row(i)!;
                var back = scaling.InverseTransform(scaling.Normalise(raw, Small.Subjects[i].IcvMm3), Small.Subjects[i].IcvMm3);
                for (int k = 0; k < raw.Length; k++) Assert.Equal(raw[k], back[k], raw[k] * 1e-12);
            }
        }
    }

    [Fact]
    public void StateRoundTripsThroughJson()
    {
        var state = CohortPreprocessor.Fit(Small);
        var again = PreprocessingState.FromJson(state.ToJson());
        Assert.Equal(state.Covariates, again.Covariates);
        for (int m = 0; m < state.Modalities.Length; m++)
        {
            Assert.Equal(state.Modalities[m].Regions, again.Modalities[m].Regions);
            Assert.Equal(state.Modalities[m].Mean, again.Modalities[m].Mean); // exact: JSON doubles round-trip
            Assert.Equal(state.Modalities[m].Sd, again.Modalities[m].Sd);
        }
        using var a = state.PatientTensors(Small);
        using var b = again.PatientTensors(Small);
        Assert.True(a.Modalities[0].equal(b.Modalities[0]).all().item<bool>());
    }

    // Bins from ages 61.0 and 79.9: [60,65), [65,70), [70,75), [75,80); outside ages clamp to the end bins.
    [Theory]
    [InlineData(40.0, 0)]
    [InlineData(60.0, 0)]
    [InlineData(64.99, 0)]
    [InlineData(65.0, 1)]
    [InlineData(79.9, 3)]
    [InlineData(95.0, 3)]
    public void AgeBinsClampAtTheEnds(double age, int bin)
    {
        var bins = AgeBins.Fit([61.0, 72.0, 79.9]);
        Assert.Equal(new AgeBins(60, 5, 4), bins);
        Assert.Equal(bin, bins.IndexOf(age));
    }

    [Fact]
    public void CovariatesAreAgeOneHotThenSexOneHot()
    {
        var encoding = new CovariateEncoding(new AgeBins(60, 5, 4));
        Assert.Equal(["age_60_65", "age_65_70", "age_70_75", "age_75_80", "sex_F", "sex_M"], encoding.Names);
        var c = new float[6];
        encoding.Encode(new Subject("s", Split.Test, SubjectGroup.Patient, 1, true, 92, Sex.Male, 1.5e6, null), c);
        Assert.Equal([0f, 0f, 0f, 1f, 0f, 1f], c);
    }

    [Fact]
    public void MissingModalityIsUnobservedWithAZeroRow()
    {
        var cohort = SyntheticCohortGenerator.Generate(new SyntheticCohortOptions
        {
            Seed = 2, Sizes = CohortSizes.Paper.Scale(0.1), AmyloidMissingFraction = 0.3,
        }).Cohort;
        var state = CohortPreprocessor.Fit(cohort);
        using var patients = state.PatientTensors(cohort);
        var amyloid = cohort.Modality("amyloid");
        var rows = cohort.Rows(Split.Test);
        int missing = rows.Count(i => !amyloid.IsObserved(i));
        Assert.InRange(missing, 1, rows.Count - 1);
        for (int r = 0; r < rows.Count; r++)
        {
            bool observed = amyloid.IsObserved(rows[r]);
            Assert.Equal(observed, patients.Observed[r, 1].item<bool>());
            Assert.True(patients.Observed[r, 0].item<bool>());
            if (!observed) Assert.Equal(0.0, patients.Modalities[1][r].abs().sum().item<float>());
        }
        Assert.False(patients.IsComplete);
    }

    [Fact]
    public void SplitsSelectTheRightSubjects()
    {
        var state = CohortPreprocessor.Fit(Small);
        using var train = state.TrainTensors(Small);
        using var holdout = state.HoldoutTensors(Small);
        using var patients = state.PatientTensors(Small);
        var sizes = CohortSizes.Paper.Scale(0.2);
        Assert.Equal(sizes.TrainControls, train.Count);
        Assert.Equal(sizes.HoldoutControls, holdout.Count);
        Assert.Equal(sizes.Preclinical + sizes.Cdr05 + sizes.Cdr1Plus, patients.Count);
        Assert.Equal(state.Covariates.Width, patients.CovariateCount);
        Assert.Equal([90, 90], patients.FeatureCounts);
    }
}
