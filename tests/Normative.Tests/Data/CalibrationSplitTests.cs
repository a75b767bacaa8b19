using Normative.Data;
using Normative.Data.Synthetic;

namespace Normative.Tests.Data;

/// <summary>The out-of-sample calibration controls (issue 15): generated last, controls only, round-trip through the files.</summary>
public sealed class CalibrationSplitTests
{
    private static readonly CohortSizes Sizes = new(12, 3, 4, 4, 4);

    [Fact]
    public void Calibration_controls_come_last_and_leave_every_other_subject_unchanged()
    {
        var without = SyntheticCohortGenerator.Generate(new SyntheticCohortOptions { Seed = 5, Sizes = Sizes });
        var with = SyntheticCohortGenerator.Generate(new SyntheticCohortOptions { Seed = 5, Sizes = Sizes, CalibrationControls = 25 });
        int n = without.Cohort.Subjects.Count;
        Assert.Equal(n + 25, with.Cohort.Subjects.Count);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(without.Cohort.Subjects[i], with.Cohort.Subjects[i]);
            Assert.Equal(without.Cohort.Modality("mri").Row(i), with.Cohort.Modality("mri").Row(i));
            Assert.Equal(without.Cohort.Modality("amyloid").Row(i), with.Cohort.Modality("amyloid").Row(i));
        }
        var calibration = with.Cohort.Subjects.Skip(n).ToArray();
        Assert.All(calibration, s =>
        {
            Assert.Equal(Split.Calibration, s.Split);
            Assert.Equal(ClinicalStage.Control, s.Stage);
            Assert.False(s.AmyloidPositive);
        });
        Assert.Equal(25, with.Cohort.Rows(Split.Calibration).Count);
    }

    [Fact]
    public void Calibration_split_round_trips_and_is_never_a_training_control()
    {
        var synthetic = SyntheticCohortGenerator.Generate(new SyntheticCohortOptions { Seed = 6, Sizes = Sizes, CalibrationControls = 10 });
        string folder = Path.Combine(Path.GetTempPath(), "normative-tests", Guid.NewGuid().ToString("N"));
        try
        {
            synthetic.Write(folder);
            Assert.Contains(",calibration,control,", File.ReadAllText(Path.Combine(folder, "subjects.csv")));
            var loaded = CohortLoader.Load(folder);
            Assert.Equal(10, loaded.Rows(Split.Calibration).Count);
            Assert.DoesNotContain(loaded.TrainingControlRows, i => loaded.Subjects[i].Split == Split.Calibration);
            var state = CohortPreprocessor.Fit(loaded);
            using var tensors = state.CalibrationTensors(loaded);
            Assert.Equal(10, tensors.Count);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_patient_in_the_calibration_split_is_named()
    {
        using var fixture = new CohortFixture();
        int last = File.ReadAllLines(fixture.PathOf("subjects.csv")).Length; // a CDR >= 1 patient
        fixture.SetCell("subjects.csv", last, "split", "calibration");
        var error = Assert.Throws<CohortFormatException>(() => CohortLoader.Load(fixture.Folder));
        Assert.Equal(last, error.First.Row);
        Assert.Equal("split", error.First.Column);
        Assert.Contains("train, holdout and calibration hold controls only", error.First.Problem);
    }

    [Fact]
    public void Generator_rejects_a_negative_count() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticCohortGenerator.Generate(new SyntheticCohortOptions { Sizes = Sizes, CalibrationControls = -1 }));
}
