using Normative.Data;
using Normative.Data.Synthetic;
using Normative.Tests.TestData;

namespace Normative.Tests.Data;

/// <summary>
/// The two-study setting: the scanner shift the generator realises is the one its parameters say, and the planted
/// disease effects reach the hippocampal subfields the literature names (strongest in CA1, subiculum, molecular layer).
/// </summary>
public sealed class TwoStudyGeneratorTests
{
    private static readonly RegionSet Drawn = RegionCatalogue.Default.Set(RegionSet.MmNormVae);
    private static readonly MriFeatureSet[] FeatureSets = [.. TwoStudyParameters.Default.FeatureSets];

    /// <summary>
    /// Each subject's deviation in residual SDs, r = ln(V / V_expected) / cv, with V_expected and cv from the parameter
    /// table (the generator's documented volume model): [subject, region of <see cref="Drawn"/>].
    /// </summary>
    private static double[,] Residuals(Cohort cohort, IReadOnlyList<int> rows, SyntheticCohortParameters p)
    {
        var r = new double[rows.Count, Drawn.Count];
        foreach (var feature in FeatureSets)
        {
            var table = cohort.Modality(feature.Modality);
            for (int k = 0; k < table.Regions.Count; k++)
            {
                var region = p.Region(table.Regions.Regions[k].Id);
                int j = Drawn.IndexOf(region.Id);
                double cv = p.VolumeResidualFraction * region.VolumeSd / region.VolumeMean;
                for (int n = 0; n < rows.Count; n++)
                {
                    var s = cohort.Subjects[rows[n]];
                    double expected = region.VolumeMean * Math.Pow(s.IcvMm3!.Value / p.Icv.Reference, p.Icv.Exponent)
                        * Math.Exp(region.VolumeAgeSlopePercent / 100 * (s.Age - p.ReferenceAge));
                    r[n, j] = Math.Log(table.Row(rows[n])![k] / expected) / cv;
                }
            }
        }
        return r;
    }

    private static SyntheticCohort Controls(int seed, int n, ScannerShift shift) => SyntheticCohortGenerator.Generate(new SyntheticCohortOptions
    {
        Seed = seed,
        RegionSet = RegionSet.MmNormVae,
        FeatureSets = FeatureSets,
        Sites = [new SyntheticSite("scanner", 1, shift)],
        Sizes = new CohortSizes(n, 0, 0, 0, 0),
    });

    private static ScannerShift TestShift() => ScannerShift.Draw(new SiteParameters("scanner", 1, 0.4, 0.3, 0.15), Drawn.Count, 7);

    [Fact]
    public void TheSameSubjectsOnAShiftedScannerAreLocationPlusScaleTimesTheirDeviation()
    {
        // Paired: the shift draws nothing, so seed 3 gives the same subjects on both scanners; r' = location + scale r
        // per region, up to the 0.1 mm³ rounding of the written volumes (an OLS fit recovers both to 0.01).
        var shift = TestShift();
        var p = SyntheticCohortParameters.Default;
        var plain = Controls(3, 200, ScannerShift.None(Drawn.Count));
        var shifted = Controls(3, 200, shift);
        var rows = Enumerable.Range(0, 200).ToArray();
        var r = Residuals(plain.Cohort, rows, p);
        var rShifted = Residuals(shifted.Cohort, rows, p);
        for (int j = 0; j < Drawn.Count; j++)
        {
            var x = rows.Select(n => r[n, j]).ToArray();
            var y = rows.Select(n => rShifted[n, j]).ToArray();
            double mx = x.Average(), my = y.Average();
            double slope = x.Zip(y).Sum(t => (t.First - mx) * (t.Second - my)) / x.Sum(v => (v - mx) * (v - mx));
            double intercept = my - slope * mx;
            Assert.True(Math.Abs(slope - shift.Scale[j]) < 0.01, $"{Drawn.Regions[j].Id}: slope {slope} vs scale {shift.Scale[j]}");
            Assert.True(Math.Abs(intercept - shift.Location[j]) < 0.01, $"{Drawn.Regions[j].Id}: intercept {intercept} vs location {shift.Location[j]}");
        }
    }

    [Fact]
    public void AShiftedStudyDiffersFromAnUnshiftedOneByTheShiftsLocationAndScale()
    {
        // Unpaired, different seeds (independent samples of the same population), 2,000 controls each: per region the
        // mean of r moves by location_r (SE sqrt(2/2000) = 0.032; tolerance 0.15 also covers the (scale - 1) x E[r]
        // term, E[r] <= 0.05 from the male effect) and its SD is multiplied by scale_r (SE of the log ratio ~0.022; tolerance 0.1).
        var shift = TestShift();
        var p = SyntheticCohortParameters.Default;
        const int n = 2000;
        var rows = Enumerable.Range(0, n).ToArray();
        var reference = Residuals(Controls(11, n, ScannerShift.None(Drawn.Count)).Cohort, rows, p);
        var shifted = Residuals(Controls(12, n, shift).Cohort, rows, p);
        for (int j = 0; j < Drawn.Count; j++)
        {
            var a = rows.Select(i => reference[i, j]).ToArray();
            var b = rows.Select(i => shifted[i, j]).ToArray();
            double ma = a.Average(), mb = b.Average();
            double sa = Math.Sqrt(a.Sum(v => (v - ma) * (v - ma)) / (n - 1)), sb = Math.Sqrt(b.Sum(v => (v - mb) * (v - mb)) / (n - 1));
            Assert.True(Math.Abs(mb - ma - shift.Location[j]) < 0.15, $"{Drawn.Regions[j].Id}: mean moved {mb - ma}, location {shift.Location[j]}");
            Assert.True(Math.Abs(Math.Log(sb / sa) - Math.Log(shift.Scale[j])) < 0.1, $"{Drawn.Regions[j].Id}: SD ratio {sb / sa}, scale {shift.Scale[j]}");
        }
    }

    [Fact]
    public void PlantedAtrophyIsStrongestInCa1SubiculumAndMolecularLayer()
    {
        // Realised Cohen's d (pooled SD) of CDR >= 1 vs the clinical study's own controls on the age/ICV-adjusted
        // residuals; planted weights (data-schemas/README.md) 1.1 / 1.1 / 1.05 vs 0.6-0.75 for CA3, CA4, GC-ML-DG.
        var setting = TwoStudyGenerator.Generate(new TwoStudyOptions { Seed = 5, TrainControls = 50 });
        var clinical = setting.ClinicalStudy.Cohort;
        var p = SyntheticCohortParameters.Default;
        var controls = clinical.Rows(s => s.Group == SubjectGroup.Control);
        var severe = clinical.Rows(s => s.Stage == ClinicalStage.Cdr1Plus);
        var rc = Residuals(clinical, controls, p);
        var rp = Residuals(clinical, severe, p);
        double D(string structure)
        {
            var ds = new[] { "Left-", "Right-" }.Select(side =>
            {
                int j = Drawn.IndexOf(side + structure);
                var a = Enumerable.Range(0, controls.Count).Select(i => rc[i, j]).ToArray();
                var b = Enumerable.Range(0, severe.Count).Select(i => rp[i, j]).ToArray();
                double ma = a.Average(), mb = b.Average();
                double pooled = Math.Sqrt((a.Sum(v => (v - ma) * (v - ma)) + b.Sum(v => (v - mb) * (v - mb))) / (a.Length + b.Length - 2));
                return (mb - ma) / pooled;
            });
            return ds.Average();
        }
        string[] strongest = ["CA1", "subiculum", "molecular_layer_HP"];
        string[] weaker = ["CA3", "CA4", "GC-ML-DG"];
        foreach (var s in strongest) Assert.True(D(s) < -1.0, $"{s}: d = {D(s)}");
        Assert.True(strongest.Average(D) < weaker.Average(D) - 0.3, $"strongest {strongest.Average(D)} vs weaker {weaker.Average(D)}");
        Assert.All(weaker, s => Assert.True(D(s) < -0.5, $"{s}: d = {D(s)}"));

        // The planted truth agrees: CDR >= 1 subjects carry effects in the subfields, controls none.
        var truth = setting.ClinicalStudy.GroundTruth;
        Assert.All(controls, i => Assert.Equal(0, truth.Effect(clinical.Subjects[i].Id, SyntheticModalities.Mri, "Left-CA1")));
        Assert.True(severe.Average(i => truth.Effect(clinical.Subjects[i].Id, SyntheticModalities.Mri, "Left-CA1")) < 0);
    }

    [Fact]
    public void StudiesHaveTheirOwnSitesFeatureSetsAndIds()
    {
        var setting = TwoStudyGenerator.Generate(new TwoStudyOptions { Seed = 1, SizeFactor = 0.1 });
        var control = setting.ControlStudy.Cohort;
        var clinical = setting.ClinicalStudy.Cohort;
        Assert.Equal(["cortical", "subcortical", "hippocampal"], control.ModalityNames);
        Assert.Equal([66, 32, 16], control.Modalities.Select(m => m.Regions.Count));
        Assert.All(control.Subjects, s => Assert.StartsWith("UKB", s.Id));
        Assert.All(clinical.Subjects, s => Assert.StartsWith("ADN", s.Id));
        Assert.All(control.Subjects, s => Assert.StartsWith("ukb-", s.Site));
        Assert.All(clinical.Subjects, s => Assert.StartsWith("adni-", s.Site));
        Assert.All(control.Subjects, s => Assert.InRange(s.Age, 45, 82));
        Assert.DoesNotContain(control.Subjects, s => s.Group == SubjectGroup.Patient);
        Assert.Contains(clinical.Subjects, s => s.Stage == ClinicalStage.Cdr05);

        // Same seed, same numbers.
        var again = TwoStudyGenerator.Generate(new TwoStudyOptions { Seed = 1, SizeFactor = 0.1 });
        Assert.Equal(clinical.Modality("hippocampal").Row(7), again.ClinicalStudy.Cohort.Modality("hippocampal").Row(7));
        Assert.Equal(clinical.Subjects.Select(s => s.Site), again.ClinicalStudy.Cohort.Subjects.Select(s => s.Site));
    }

    [Fact]
    public void WrittenStudiesLoadBackWithSitesFeatureSetsShiftsAndTruth()
    {
        string folder = Path.Combine(Path.GetTempPath(), "normative-tests", "two-study-" + Guid.NewGuid().ToString("N"));
        try
        {
            var setting = TwoStudyGenerator.Generate(new TwoStudyOptions { Seed = 2, SizeFactor = 0.05 });
            var (controlManifest, clinicalManifest) = setting.Write(folder);
            var clinical = CohortLoader.Load(clinicalManifest);
            Assert.Equal(["cortical", "subcortical", "hippocampal"], clinical.ModalityNames);
            Assert.Equal(setting.ClinicalStudy.Cohort.Subjects.Select(s => s.Site), clinical.Subjects.Select(s => s.Site));
            Assert.Equal(setting.ClinicalStudy.Cohort.Modality("hippocampal").Row(3), clinical.Modality("hippocampal").Row(3));
            Assert.Equal(setting.ControlStudy.Cohort.Subjects.Count, CohortLoader.Load(controlManifest).Subjects.Count);
            var truth = SyntheticGroundTruth.Load(clinicalManifest);
            Assert.Equal(Drawn.Count, truth.Regions.Count);
            // One shift row per site and region of both studies.
            var shifts = File.ReadAllLines(Path.Combine(folder, TwoStudySetting.ShiftsFileName));
            Assert.Equal(1 + 6 * Drawn.Count, shifts.Length);
            string s = JsonSchemaValidator.SchemaFolder;
            var checks = new JsonSchemaValidator.Check[] { new(clinicalManifest, Path.Combine(s, "cohort-manifest.schema.json")) };
            Assert.Empty(JsonSchemaValidator.Validate(checks)[0]);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
