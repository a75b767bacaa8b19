using Normative.Data;
using Normative.Data.Synthetic;

namespace Normative.Tests.Data;

/// <summary>The cohort's demographics table counts every subject once, in the paper's group order.</summary>
public sealed class CohortSummaryTests
{
    [Fact]
    public void OneRowPerSplitAndStageWithCountsAgeSexAndCognition()
    {
        // Amyloid missing for some subjects so the per-modality counts differ from n.
        var synthetic = SyntheticCohortGenerator.Generate(new SyntheticCohortOptions { Seed = 3, Sizes = new CohortSizes(12, 5, 6, 7, 8), AmyloidMissingFraction = 0.3 });
        var cohort = synthetic.Cohort;
        var summary = cohort.Summary();

        // Expected: the generator's group sizes, in split order then stage order.
        Assert.Equal(["train", "holdout", "test", "test", "test"], summary.Columns["split"].Cast<string>());
        Assert.Equal(["control", "control", "preclinical", "cdr05", "cdr1plus"], summary.Columns["stage"].Cast<string>());
        Assert.Equal([12, 5, 6, 7, 8], summary.Columns["n"].Cast<int?>().Select(n => n!.Value));

        // Expected values computed directly from the subject records (textbook mean, sample sd, share).
        var cdr05 = cohort.Subjects.Where(s => s.Stage == ClinicalStage.Cdr05).ToArray();
        Assert.Equal(Math.Round(cdr05.Average(s => s.Age), 1), (double)summary.Columns["age_mean"][3]!, 10);
        Assert.Equal(Math.Round(Stats.Sd(cdr05.Select(s => s.Age).ToArray()), 1), (double)summary.Columns["age_sd"][3]!, 10);
        Assert.Equal(Math.Round(100.0 * cdr05.Count(s => s.Sex == Sex.Female) / cdr05.Length, 1), (double)summary.Columns["female_pct"][3]!, 10);
        Assert.Equal(cdr05.Count(s => s.Adas13 is not null), (int)summary.Columns["adas13_n"][3]!);
        var amyloid = cohort.Modality(SyntheticModalities.Amyloid);
        var expectedAmyloid = new[] { Split.Train, Split.Holdout }.Select(split => cohort.Rows(s => s.Split == split && s.Stage == ClinicalStage.Control).Count(amyloid.IsObserved))
            .Concat(new[] { ClinicalStage.Preclinical, ClinicalStage.Cdr05, ClinicalStage.Cdr1Plus }.Select(stage => cohort.Rows(s => s.Stage == stage).Count(amyloid.IsObserved)));
        Assert.Equal(expectedAmyloid, summary.Columns["amyloid_n"].Cast<int?>().Select(n => n!.Value));
        Assert.Equal(summary.Columns["n"].Cast<int?>(), summary.Columns["mri_n"].Cast<int?>());
        Assert.True(summary.Columns["amyloid_n"].Cast<int?>().Sum() < cohort.Subjects.Count, "some amyloid scans should be missing at a 0.3 missing fraction");
    }
}
