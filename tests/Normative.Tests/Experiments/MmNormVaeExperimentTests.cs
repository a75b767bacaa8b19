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
        foreach (var file in new[] { "report.md", "mmnormvae.json", "run.json", "tables/mmnormvae_regions.csv", "tables/mmnormvae_groups.csv", "tables/mmnormvae_cognition.csv", "tables/mmnormvae_training.csv" })
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
        Assert.True(File.Exists(Path.Combine(output, "calibration.json")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
