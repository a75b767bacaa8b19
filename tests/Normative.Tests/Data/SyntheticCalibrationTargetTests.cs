using Normative.Data;
using Normative.Data.Synthetic;

namespace Normative.Tests.Data;

/// <summary>
/// The synthetic cohort meets its documented calibration targets (issue 15; domain-notes §3.3, §3.4; sources in
/// data-schemas/README.md), measured on the generated data as a user would measure them. Realised MRI effects are
/// age- and sex-adjusted pooled Cohen's d after ICV normalisation (§3.3 defines its targets without the groups' age
/// difference); tolerance ±30 % of the target, and never below ±0.06 (30 % of the smallest target, 0.2), because a d
/// of −0.2 has a standard error of ~0.04 even with four times the paper's groups.
/// </summary>
public sealed class SyntheticCalibrationTargetTests
{
    /// <summary>Four times the paper's groups plus 400 amyloid-negative CDR 0.5 patients (~2 s to generate).</summary>
    private static readonly Lazy<SyntheticEffectSizes> Large = new(() => new SyntheticEffectSizes(SyntheticCohortGenerator.Generate(
        new SyntheticCohortOptions { Seed = 42, Sizes = CohortSizes.Paper.Scale(4) with { AmyloidNegativeCdr05 = 400 } })));

    private static double Tolerance(double target) => Math.Max(0.3 * Math.Abs(target), 0.06);

    // Realised targets (issue 15, domain-notes §3.3 "Revised"): hippocampus −0.2 / −1.2 / −1.7; entorhinal has the
    // hippocampus's weight (w_atr 1.0, §3.3 row 1); middle temporal −0.8 / −1.4 at CDR 0.5 / ≥ 1.
    [Theory]
    [InlineData("Hippocampus", ClinicalStage.Preclinical, -0.2)]
    [InlineData("Hippocampus", ClinicalStage.Cdr05, -1.2)]
    [InlineData("Hippocampus", ClinicalStage.Cdr1Plus, -1.7)]
    [InlineData("entorhinal", ClinicalStage.Preclinical, -0.2)]
    [InlineData("entorhinal", ClinicalStage.Cdr05, -1.2)]
    [InlineData("entorhinal", ClinicalStage.Cdr1Plus, -1.7)]
    [InlineData("middletemporal", ClinicalStage.Cdr05, -0.8)]
    [InlineData("middletemporal", ClinicalStage.Cdr1Plus, -1.4)]
    public void RealisedAtrophyMeetsTheLiteratureTargets(string structure, ClinicalStage stage, double target)
    {
        double d = Large.Value.Adjusted(SyntheticModalities.Mri, SyntheticEffectSizes.Pair(structure), stage);
        Assert.InRange(d, target - Tolerance(target), target + Tolerance(target));
    }

    [Fact]
    public void PreclinicalMiddleTemporalAtrophyIsSmall()
    {
        // The documented CDR 0 A+ target (−0.2, as large as the hippocampus's) is only met at the edge: one regional weight
        // gives the middle temporal gyrus a fixed fraction (w_atr 0.7, what the CDR 0.5 and CDR >= 1 targets need: ratios
        // 0.67 and 0.82) of the hippocampal effect, so its expectation is 0.7 × −0.2 × E[s] (1.06) ≈ −0.15, at −30 %.
        // Realised −0.18 with this seed; a d this small has a standard error of ~0.04 here, so only its sign and size are tested.
        double d = Large.Value.Adjusted(SyntheticModalities.Mri, SyntheticEffectSizes.Pair("middletemporal"), ClinicalStage.Preclinical);
        Assert.InRange(d, -0.3, 0);
    }

    [Theory]
    [InlineData("inferiorparietal")]
    [InlineData("precuneus")]
    public void ParietalAtrophyHasTheDocumentedWeight(string structure)
    {
        // domain-notes §3.3: precuneus and inferior parietal carry 0.4-0.55 of the hippocampal effect (±30 %).
        foreach (var stage in new[] { ClinicalStage.Cdr05, ClinicalStage.Cdr1Plus })
        {
            double ratio = Large.Value.Adjusted(SyntheticModalities.Mri, SyntheticEffectSizes.Pair(structure), stage)
                         / Large.Value.Adjusted(SyntheticModalities.Mri, SyntheticEffectSizes.Pair("Hippocampus"), stage);
            Assert.InRange(ratio, 0.4 * 0.7, 0.55 * 1.3);
        }
    }

    // ADNI amyloid-positive summary SUVR (whole cerebellum) by stage (issue 15): 1.20 ± 0.10, 1.36 ± 0.16, 1.46 ± 0.17.
    [Theory]
    [InlineData(ClinicalStage.Preclinical, 1.20, 0.10)]
    [InlineData(ClinicalStage.Cdr05, 1.36, 0.16)]
    [InlineData(ClinicalStage.Cdr1Plus, 1.46, 0.17)]
    public void StageSummarySuvrMeetsTheTargets(ClinicalStage stage, double mean, double sd)
    {
        var summary = Large.Value.Cohort.GroundTruth.Subjects.Where(s => s.Stage == stage).Select(s => s.SummarySuvr).ToArray();
        // Standard error of the mean is at most 0.17 / sqrt(740) = 0.006.
        Assert.InRange(Stats.Mean(summary), mean - 0.02, mean + 0.02);
        Assert.InRange(Stats.Sd(summary), 0.7 * sd, 1.3 * sd);
        Assert.All(summary, v => Assert.True(v >= 1.11, $"{v}"));
    }

    [Fact]
    public void PreclinicalAmyloidIsInThePrecuneusNotInPrimaryCortex()
    {
        // Staging (Palmqvist 2017): at CDR 0 A+ the precuneus and posterior cingulate are high, precentral and
        // pericalcarine cortex (reached last) near zero; by CDR >= 1 amyloid has reached them too.
        var e = Large.Value;
        foreach (var early in new[] { "precuneus", "posteriorcingulate" })
        {
            Assert.True(e.Raw(SyntheticModalities.Amyloid, SyntheticEffectSizes.Pair(early), ClinicalStage.Preclinical) > 1.2, early);
            Assert.True(MeanDifference(early, ClinicalStage.Preclinical) > 0.15, early);
        }
        foreach (var late in new[] { "precentral", "pericalcarine" })
        {
            Assert.InRange(e.Raw(SyntheticModalities.Amyloid, SyntheticEffectSizes.Pair(late), ClinicalStage.Preclinical), -0.35, 0.35);
            Assert.InRange(MeanDifference(late, ClinicalStage.Preclinical), -0.03, 0.03);
            Assert.True(e.Raw(SyntheticModalities.Amyloid, SyntheticEffectSizes.Pair(late), ClinicalStage.Cdr1Plus) > 1.0, late);
        }
    }

    /// <summary>Mean SUVR of <paramref name="stage"/> minus the controls', left hemisphere.</summary>
    private static double MeanDifference(string structure, ClinicalStage stage)
    {
        string region = SyntheticEffectSizes.Pair(structure)[0];
        return Stats.Mean(Large.Value.Values(SyntheticModalities.Amyloid, region, s => s.Stage == stage).Values)
             - Stats.Mean(Large.Value.Values(SyntheticModalities.Amyloid, region, s => s.Stage == ClinicalStage.Control).Values);
    }

    [Fact]
    public void ControlsCarrySubThresholdAmyloid()
    {
        var controls = Large.Value.Cohort.GroundTruth.Subjects.Where(s => s.Stage == ClinicalStage.Control).ToArray();
        Assert.All(controls, s => Assert.True(s.SummarySuvr < 1.11, $"{s.SubjectId}: {s.SummarySuvr}"));
        // Burden ~ Exponential(mean 0.04) conditioned on staying under the cut-off: a little below 0.04.
        Assert.InRange(controls.Average(s => s.AmyloidBurden), 0.02, 0.04);
        int precuneus = Large.Value.Cohort.GroundTruth.Regions.IndexOf("lh_precuneus");
        Assert.True(controls.Average(s => s.Effects[1][precuneus]) > 0.005);
        Assert.All(controls, s => Assert.All(s.Effects[0], v => Assert.Equal(0.0, v)));
        // CN A- summary SUVR 1.02 ± 0.05 (domain-notes §3.1).
        var summary = controls.Select(s => s.SummarySuvr).ToArray();
        Assert.InRange(Stats.Mean(summary), 1.0, 1.05);
        Assert.InRange(Stats.Sd(summary), 0.035, 0.065);
    }

    // Control regional SUVR SD (issue 15): ~0.08 in cortex, 0.10-0.11 in small cortical and subcortical regions.
    [Theory]
    [InlineData("lh_precuneus", 0.08)]
    [InlineData("rh_superiorfrontal", 0.08)]
    [InlineData("lh_entorhinal", 0.10)]
    [InlineData("Left-Thalamus", 0.105)]
    [InlineData("Right-Amygdala", 0.11)]
    public void ControlRegionalSuvrSdMeetsTheTargets(string region, double sd)
    {
        double measured = Stats.Sd(Large.Value.Values(SyntheticModalities.Amyloid, region, s => s.Stage == ClinicalStage.Control).Values);
        Assert.InRange(measured, 0.7 * sd, 1.3 * sd);
    }

    [Fact]
    public void RegionalAmyloidHeterogeneityIsThirtyPercentOfTheExcess()
    {
        // In the precuneus (w_amy 1, threshold 0) the planted excess is B · logistic(B / width) · J; the spread of J
        // over CDR >= 1 subjects is the regional heterogeneity, target SD 0.30 of the excess (issue 15).
        var p = SyntheticCohortParameters.Default;
        int j = Large.Value.Cohort.GroundTruth.Regions.IndexOf("lh_precuneus");
        var jitter = Large.Value.Cohort.GroundTruth.Subjects.Where(s => s.Stage == ClinicalStage.Cdr1Plus)
            .Select(s => s.Effects[1][j] / (s.AmyloidBurden / (1 + Math.Exp(-s.AmyloidBurden / p.AmyloidSpreadWidth)))).ToArray();
        Assert.InRange(Stats.Mean(jitter), 0.95, 1.05);
        Assert.InRange(Stats.Sd(jitter), 0.3 * 0.7, 0.3 * 1.3);
    }

    [Fact]
    public void AmyloidNegativeImpairedArmIsApartAndNonSpecific()
    {
        var e = Large.Value;
        var arm = e.Cohort.Cohort.Subjects.Where(s => s.Stage == ClinicalStage.AmyloidNegativeImpaired).ToArray();
        Assert.Equal(400, arm.Length);
        Assert.All(arm, s =>
        {
            Assert.Equal((SubjectGroup.Patient, Split.Test, 0.5, false), (s.Group, s.Split, s.Cdr, s.AmyloidPositive));
            Assert.True(e.Cohort.GroundTruth[s.Id].SummarySuvr < 1.11);
            Assert.Equal("non-specific", e.Cohort.GroundTruth[s.Id].Subtype);
        });
        Assert.Equal(4 * 236, e.Cohort.Cohort.Subjects.Count(s => s.Stage == ClinicalStage.Cdr05)); // not folded into CDR 0.5
        // Mild atrophy everywhere (anchor −0.25): as much in the precentral gyrus as in the hippocampus; no amyloid.
        foreach (var structure in new[] { "Hippocampus", "precentral" })
            Assert.InRange(e.Adjusted(SyntheticModalities.Mri, SyntheticEffectSizes.Pair(structure), ClinicalStage.AmyloidNegativeImpaired), -0.45, -0.05);
        Assert.InRange(e.Raw(SyntheticModalities.Amyloid, SyntheticEffectSizes.Pair("precuneus"), ClinicalStage.AmyloidNegativeImpaired), -0.3, 0.3);
        Assert.Equal("aneg_impaired", SyntheticGroundTruth.FormatStage(ClinicalStage.AmyloidNegativeImpaired));
    }

    [Fact]
    public void TheAmyloidNegativeArmIsOptional()
    {
        Assert.Equal(0, CohortSizes.Paper.AmyloidNegativeCdr05);
        Assert.Equal(new CohortSizes(248, 48, 305, 236, 185, 60), CohortSizes.Parse("248,48,305,236,185,60"));
        Assert.Equal("248,48,305,236,185,60", CohortSizes.Parse("248,48,305,236,185,60").ToString());
        Assert.Equal("248,48,305,236,185", CohortSizes.Paper.ToString());
        Assert.Equal(0, CohortSizes.Paper.Scale(0.1).AmyloidNegativeCdr05);
        Assert.Equal(6, new CohortSizes(248, 48, 305, 236, 185, 60).Scale(0.1).AmyloidNegativeCdr05);
        Assert.Throws<FormatException>(() => CohortSizes.Parse("248,48,305,236,185,60,1"));
        var tiny = SyntheticCohortGenerator.Generate(new SyntheticCohortOptions { Seed = 3, Sizes = new CohortSizes(6, 2, 2, 2, 2, 3) });
        Assert.Equal(3, tiny.Cohort.Subjects.Count(s => s.Stage == ClinicalStage.AmyloidNegativeImpaired));
    }
}
