using Normative.Cli;
using Normative.Data.Synthetic;
using Normative.Deviation;
using Normative.Experiments;
using Normative.Experiments.MmNormVae;
using Normative.Tests.TestData;

namespace Normative.Tests.Experiments;

/// <summary>
/// The mmNormVAE experiment at tiny size: 300 training controls, a clinical study of 90 adaptation and 40 held-out controls
/// and 15 patients per stage, a few epochs. As a library call with a strong clinical scanner shift (what the shift does
/// and what the adaptation repairs), and end to end through <c>reproduce --experiment mmnormvae</c> (files and schemas).
/// </summary>
public sealed class MmNormVaeExperimentTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "normative-tests", "mmnormvae-" + Guid.NewGuid().ToString("N"));

    /// <summary>The default parameters at tiny size; every clinical site shifted by <paramref name="clinicalLocation"/> residual SDs.</summary>
    private static TwoStudyParameters Tiny(double clinicalLocation)
    {
        var p = TwoStudyParameters.Default;
        return p with
        {
            ControlStudy = p.ControlStudy with { TrainControls = 300, HoldoutControls = 40 },
            ClinicalStudy = p.ClinicalStudy with
            {
                AdaptationControls = 90, HoldoutControls = 40, Preclinical = 15, Cdr05 = 15, Cdr1plus = 15,
                Sites = p.ClinicalStudy.Sites.Select(s => s with { LocationMean = clinicalLocation, LocationSd = 0.2 }).ToArray(),
            },
        };
    }

    [Fact]
    public void WithoutAdaptationTheShiftedStudysControlsLookAbnormalAndAdaptationBringsThemBack()
    {
        var result = MmNormVaeExperiment.Run(new MmNormVaeOptions
        {
            Configuration = "test",
            Studies = new TwoStudyOptions { Seed = 4, Parameters = Tiny(clinicalLocation: 1.5) },
            Grid = new GridOptions { Methods = [MmNormVaeOptions.Multimodal, MmNormVaeOptions.Unimodal], LatentSizes = [3], Seeds = [0], Epochs = 4, LearningRate = 1e-3, IncludeBaseline = false },
        });
        Assert.Equal(["none", "combat_adapted"], result.Handlings);
        Assert.Equal([MmNormVaeOptions.Multimodal.Label, MmNormVaeOptions.Unimodal.Label], result.Methods);
        // 2 handlings x 2 methods x 5 groups x 114 regions (66 + 32 + 16).
        Assert.Equal(2 * 2 * 5 * 114, result.Regions.Count);
        Assert.Equal(2 * 2 * 3, result.Cognition.Count);
        // The planted-truth check covers every handling, method and patient group, with 114 regions split into planted and other.
        Assert.Equal(2 * 2 * 3, result.PlantedTruth.Count);
        Assert.All(result.PlantedTruth, p => Assert.Equal(114, p.PlantedRegions + p.OtherRegions));
        Assert.Equal(["preclinical", "cdr05", "cdr1plus"], result.PlantedTruth.Where(p => p.Handling == "none" && p.Method == result.Methods[0]).Select(p => p.Group).ToArray());
        Assert.All(result.TrainingTimes, t => Assert.Equal(300, t.TrainControls));
        Assert.All(result.Cognition, c => Assert.InRange(c.R, c.Lower, c.Upper));
        foreach (var method in result.Methods)
        {
            var holdout = result.Group("none", method, 0, "control_study_holdout");
            var shifted = result.Group("none", method, 0, "clinical_controls");
            var adapted = result.Group("combat_adapted", method, 0, "clinical_controls");
            // A 1.5-SD scanner shift makes the other study's healthy controls deviate far more often than the control study's own.
            Assert.True(shifted.MeanFrequencyUncorrected > holdout.MeanFrequencyUncorrected + 0.05, $"{method}: shifted {shifted.MeanFrequencyUncorrected} vs holdout {holdout.MeanFrequencyUncorrected}");
            Assert.True(adapted.MeanFrequencyUncorrected < shifted.MeanFrequencyUncorrected - 0.03, $"{method}: adapted {adapted.MeanFrequencyUncorrected} vs shifted {shifted.MeanFrequencyUncorrected}");
            // Disease still shows after adaptation: CDR >= 1 deviates more than the adapted controls.
            Assert.True(result.Group("combat_adapted", method, 0, "cdr1plus").MeanDeviation > adapted.MeanDeviation);
        }
        // The calibration report flags the transfer without adaptation: the clinical controls' signed regional deviations exceed
        // p = 0.05 beyond the exact CI of the nominal rate, and adaptation lowers that rate.
        foreach (var method in new[] { MmNormVaeOptions.Multimodal, MmNormVaeOptions.Unimodal })
        {
            double Rate(string handling) => Exceedance(result, $"{handling}/{method.Key}-d3-s0").Rate;
            Assert.Equal(CalibrationVerdict.TooMany, Exceedance(result, $"none/{method.Key}-d3-s0").Verdict);
            Assert.Contains(result.Calibration!.Warnings, w => w.Scoring == $"none/{method.Key}-d3-s0" && w.Controls == MmNormVaeResult.ClinicalControls);
            Assert.True(Rate("combat_adapted") < Rate("none"), $"{method.Key}: adapted {Rate("combat_adapted")} vs unadapted {Rate("none")}");
        }
    }

    /// <summary>The clinical controls' (all sites) signed-residual exceedance at p = 0.05 in one scoring.</summary>
    private static CalibrationExceedance Exceedance(MmNormVaeResult result, string scoring) =>
        result.Calibration!.Entries.Single(e => e.Scoring == scoring && e.Controls == MmNormVaeResult.ClinicalControls && e.Site is null)
            .Measures.Single(m => m.Measure == CalibrationMeasure.SignedResidual).Exceedances.Single(x => Math.Abs(x.Alpha - 0.05) < 1e-12);

    [Fact]
    public void ReproduceRunsTheExperimentEndToEnd()
    {
        Directory.CreateDirectory(_folder);
        string parameters = Path.Combine(_folder, "tiny.json");
        File.WriteAllText(parameters, Tiny(clinicalLocation: 0.4).ToJson());
        string output = Path.Combine(_folder, "results");
        int exit = NormativeCommand.Build().Parse(["reproduce", "--experiment", "mmnormvae", "--two-study-parameters", parameters,
            "--epochs", "2", "--seeds", "0,1", "--latents", "2", "--no-figures", "--out", output]).Invoke();
        Assert.Equal(0, exit);
        foreach (var file in new[] { "report.md", "mmnormvae.json", "run.json", "tables/mmnormvae_regions.csv", "tables/mmnormvae_groups.csv", "tables/mmnormvae_cognition.csv", "tables/mmnormvae_training.csv", "tables/mmnormvae_planted.csv" })
            Assert.True(File.Exists(Path.Combine(output, file)), file);
        string s = JsonSchemaValidator.SchemaFolder;
        var checks = new JsonSchemaValidator.Check[]
        {
            new(Path.Combine(output, "mmnormvae.json"), Path.Combine(s, "mmnormvae-results.schema.json")),
            new(Path.Combine(output, "run.json"), Path.Combine(s, "results.schema.json"), "run"),
        };
        var failures = checks.Zip(JsonSchemaValidator.Validate(checks)).SelectMany(p => p.Second.Select(e => $"{p.First.Instance}: {e}")).ToArray();
        Assert.True(failures.Length == 0, string.Join("\n", failures));
        // Seeds 0 and 1 of both (stackable) models are trained as one stacked module per handling.
        var training = File.ReadAllLines(Path.Combine(output, "tables/mmnormvae_training.csv"));
        Assert.Equal(1 + 4, training.Length);
        Assert.All(training.Skip(1), line => Assert.Contains(",True,", line, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("## Correlation with ADAS13", File.ReadAllText(Path.Combine(output, "report.md")));
        Assert.Contains("## Calibration on out-of-sample controls", File.ReadAllText(Path.Combine(output, "report.md")));
        Assert.Contains("## Planted truth", File.ReadAllText(Path.Combine(output, "report.md")));
        Assert.True(File.Exists(Path.Combine(output, "calibration.json")));
    }

    [Fact]
    public void ThePlantedTruthCheckScoresTheMeanDeviationAgainstThePlantedMagnitude()
    {
        // 8 regions of one group: planted magnitudes 1.2, 0.9, 0.3 (>= 0.2: planted) and 0.15, 0.1, 0.05, 0, 0 (other).
        double[] magnitude = [1.2, 0.9, 0.3, 0.15, 0.1, 0.05, 0, 0];
        double[] deviation = [2.0, -0.1, 0.5, 0.6, 0.1, 0.0, -0.2, 0.3];
        var regions = magnitude.Select((_, j) => new RegionDeviation("none", "m", 0, "cortical", $"r{j}", "cdr1plus", 10, deviation[j], 0, 0)).ToArray();
        var planted = new Dictionary<string, IReadOnlyDictionary<(string Modality, string Region), double>>
        {
            ["cdr1plus"] = magnitude.Select((m, j) => (Key: ("cortical", $"r{j}"), m)).ToDictionary(x => x.Key, x => x.m),
        };

        var row = Assert.Single(MmNormVaePlantedTruth.Of(regions, planted));

        Assert.Equal((3, 5), (row.PlantedRegions, row.OtherRegions));
        // Mann-Whitney by hand: 2.0 beats all 5 others; -0.1 beats -0.2 only; 0.5 beats 0.1, 0.0, -0.2, 0.3 -> (5 + 1 + 4) / 15.
        Assert.Equal(10.0 / 15, row.Recovery.Auroc!.Value, 12);
        // Spearman by hand: Pearson correlation of the average ranks, magnitude [8, 7, 6, 5, 4, 3, 1.5, 1.5] and
        // deviation [8, 2, 6, 7, 4, 3, 1, 5] (a few lines of python3, no library) = 0.503003030003569.
        Assert.Equal(0.503003030003569, row.Recovery.Spearman!.Value, 10);
        // Planted regions above the norm: 2.0 and 0.5 of 3.
        Assert.Equal(2.0 / 3, row.Recovery.SignAgreement!.Value, 12);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
