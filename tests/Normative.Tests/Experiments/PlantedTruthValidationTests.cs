using Normative.Data;
using Normative.Data.Synthetic;
using Normative.Deviation;
using Normative.Experiments;

namespace Normative.Tests.Experiments;

[Collection(ExperimentGridCollection.Name)]
public sealed class PlantedTruthValidationTests(ExperimentGridFixture fixture)
{
    private readonly PlantedTruthValidationResult _result = PlantedTruthValidation.Run(fixture.Grid, fixture.Data);

    [Fact]
    public void Recovery_metrics_are_those_of_the_listed_regions()
    {
        Assert.Equal(2 * 3, _result.Recovery.Count);
        foreach (var r in _result.Recovery)
        {
            var regions = _result.Regions.Where(x => x.Modality == r.Modality && x.Stage == r.Stage).ToArray();
            Assert.Equal(90, regions.Length);
            Assert.Equal(regions.Count(x => x.Planted), r.PlantedRegions);
            var planted = regions.Select(x => x.PlantedEffect).ToArray();
            var labels = regions.Select(x => x.Planted).ToArray();
            Assert.Equal(PlantedTruthValidation.Score(regions.Select(x => x.CeilingEffect).ToArray(), planted, labels), r.Ceiling);
            Assert.Equal(PlantedTruthValidation.Score(regions.Select(x => x.ResidualEffect!.Value).ToArray(), planted, labels), r.Residual);
            if (r.Model is null)
            {
                Assert.NotNull(r.Reason);
                continue;
            }
            Assert.Equal(PlantedTruthValidation.Score(regions.Select(x => x.ModelEffect!.Value).ToArray(), planted, labels), r.Model);
            if (r.Model.Auroc is { } auroc)
                Assert.Equal(AreaUnderRocTests.BruteForce(regions.Select(x => Math.Abs(x.ModelEffect!.Value)).ToArray(), labels), auroc, 12);
        }
    }

    [Theory]
    [InlineData(SyntheticModalities.Mri, 12)]
    [InlineData(SyntheticModalities.Amyloid, 40)]
    public void Planted_effect_is_on_the_models_scale(string modality, int region)
    {
        // Mean over the stage's patients of E / ICV (MRI only) / sd of the model input's z-score.
        var truth = fixture.Synthetic.GroundTruth;
        var scaling = fixture.Data.Preprocessing.Modality(modality);
        var id = scaling.Regions[region];
        var stage = fixture.Data.Patients.SubjectIds.Where(s => fixture.Data.Subject(s).Stage == ClinicalStage.Cdr1Plus).ToArray();
        double raw = stage.Average(s => truth.Effect(s, modality, id));
        double scaled = stage.Average(s => truth.Effect(s, modality, id) / (scaling.DividesByIcv ? fixture.Data.Subject(s).RequireIcv() : 1) / scaling.Sd[region]);
        var row = _result.Regions.Single(r => r.Modality == modality && r.Stage == ClinicalStage.Cdr1Plus && r.Region == id);
        Assert.Equal(raw, row.MeanRawEffect, 9);
        Assert.Equal(scaled, row.PlantedEffect, 9);
        Assert.Equal(Math.Abs(scaled) >= 0.2, row.Planted);
        Assert.Equal(modality == SyntheticModalities.Mri, scaling.DividesByIcv);
    }

    [Fact]
    public void Ceiling_is_the_stage_mean_of_the_covariate_adjusted_inputs()
    {
        var train = Normative.Training.Scorer.ToArray(fixture.Data.Train.Modalities[1]);
        var trainCovariates = Normative.Training.Scorer.ToArray(fixture.Data.Train.Covariates);
        var patients = Normative.Training.Scorer.ToArray(fixture.Data.Patients.Modalities[1]);
        var patientCovariates = Normative.Training.Scorer.ToArray(fixture.Data.Patients.Covariates);
        var adjusted = CovariateRegression.Fit(trainCovariates, train).Residuals(patientCovariates, patients);
        var rows = Enumerable.Range(0, fixture.Data.Patients.Count).Where(i => fixture.Data.Subject(fixture.Data.Patients.SubjectIds[i]).Stage == ClinicalStage.Cdr05).ToArray();
        var id = fixture.Data.Regions(SyntheticModalities.Amyloid).Regions[30].Id;
        var row = _result.Regions.Single(r => r.Modality == SyntheticModalities.Amyloid && r.Stage == ClinicalStage.Cdr05 && r.Region == id);
        Assert.Equal(rows.Average(i => adjusted[i, 30]), row.CeilingEffect, 9);
    }

    [Fact]
    public void Residual_effect_is_the_stage_mean_of_the_signed_regional_deviations()
    {
        var run = FigureRun.Select(fixture.Grid);
        var residuals = run.Patients.Deviations.SignedResiduals!;
        var rows = Enumerable.Range(0, run.Patients.Count).Where(i => fixture.Data.Subject(run.Patients.Scores.SubjectIds[i]).Stage == ClinicalStage.Preclinical).ToArray();
        var id = fixture.Data.Regions(SyntheticModalities.Amyloid).Regions[4].Id;
        var row = _result.Regions.Single(r => r.Modality == SyntheticModalities.Amyloid && r.Stage == ClinicalStage.Preclinical && r.Region == id);
        // The amyloid block follows the 90 MRI columns.
        Assert.Equal(rows.Average(i => residuals[i, 90 + 4]), row.ResidualEffect!.Value, 12);
    }

    [Fact]
    public void Model_effects_are_the_signed_effects_of_the_mapping()
    {
        var mapping = LatentToRegionMapping.Run(fixture.Grid, fixture.Data);
        var effects = mapping.Effect(SyntheticModalities.Mri, ClinicalStage.Preclinical);
        var rows = _result.Regions.Where(r => r.Modality == SyntheticModalities.Mri && r.Stage == ClinicalStage.Preclinical).ToArray();
        Assert.Equal(effects.Regions.Select(r => r.Effect), rows.Select(r => r.ModelEffect!.Value));
        Assert.Equal(mapping.Procedure, _result.Procedure);
    }

    [Fact]
    public void Score_reports_auroc_only_with_enough_unplanted_regions_and_counts_signs()
    {
        double[] planted = [-1.0, -0.5, 0.8, 0.0, 0.0, 0.0, 0.0, 0.0];
        bool[] label = [true, true, true, false, false, false, false, false];
        // Effects: right sign in the first two planted regions, wrong in the third; unplanted near 0.
        double[] effects = [-0.9, -0.2, -0.3, 0.05, -0.1, 0.0, 0.02, 0.01];
        var metrics = PlantedTruthValidation.Score(effects, planted, label);
        Assert.Equal(2 / 3.0, metrics.SignAgreement!.Value, 12);
        // |effects| of planted {0.9, 0.2, 0.3} vs unplanted {0.05, 0.1, 0, 0.02, 0.01}: every planted one is larger: AUROC 1.
        Assert.Equal(1.0, metrics.Auroc);
        Assert.Null(metrics.AurocNote);
        Assert.Equal(Normative.Deviation.SpearmanCorrelation.Compute(effects, planted).Coefficient, metrics.Spearman!.Value, 12);

        var few = PlantedTruthValidation.Score(effects[..6], planted[..6], label[..6]);
        Assert.Null(few.Auroc);
        Assert.Contains("not informative", few.AurocNote);
        var none = PlantedTruthValidation.Score([0.0, 0.0, 0.0], [0.0, 0.1, 0.0], [false, false, false]);
        Assert.Null(none.Auroc);
        Assert.Null(none.SignAgreement);
        Assert.Null(none.Spearman);
    }

    [Fact]
    public void False_positive_rates_count_the_holdout_outliers()
    {
        var run = FigureRun.Select(fixture.Grid);
        Assert.Equal(run.Holdout.Deviations.FeatureOutlier.Count(f => f) / 20.0, _result.RunFalsePositives.FeatureMean);
        Assert.Equal(0.001, _result.NominalAlpha);
        Assert.Equal(2, _result.GridFalsePositives.Count);
        var sivae = _result.GridFalsePositives.Single(f => f.MethodKey == "sivae-mri");
        var runs = fixture.Grid.RunsOf(fixture.Options.Methods[1], 3);
        Assert.Equal(runs.Average(r => r.Holdout.Deviations.LatentOutlier.Count(f => f) / 20.0), sivae.LatentMean, 12);
        Assert.Equal([0, 1], sivae.Seeds);
    }

    [Fact]
    public void Refuses_a_cohort_without_ground_truth()
    {
        using var real = ExperimentData.From(fixture.Synthetic.Cohort);
        var error = Assert.Throws<InvalidOperationException>(() => PlantedTruthValidation.Run(fixture.Grid, real));
        Assert.Contains("synthetic cohorts only", error.Message);
    }

    [Fact]
    public void Writes_json_and_csv_that_parse()
    {
        using var folder = new TemporaryFolder();
        _result.Write(folder.Path);
        var json = ResultFileAssert.Json(Path.Combine(folder.Path, "planted_truth.json"));
        Assert.Equal(6, json.GetProperty("recovery").GetArrayLength());
        Assert.Equal(18, ResultFileAssert.Csv(Path.Combine(folder.Path, "planted_truth_recovery.csv"), "method_key", "latent_dim", "seed", "procedure", "modality", "stage", "source", "subjects", "planted_regions", "other_regions", "auroc").Length);
        Assert.Equal(6 * 90, ResultFileAssert.Csv(Path.Combine(folder.Path, "planted_truth_regions.csv"), "modality", "stage", "region", "mean_raw_effect", "planted_effect", "planted", "model_effect", "ceiling_effect", "residual_effect").Length);
        Assert.Equal(4, ResultFileAssert.Csv(Path.Combine(folder.Path, "planted_truth_fpr.csv"), "method", "method_key", "latent_dim", "seed", "controls", "fpr_d_ml", "fpr_d_mf").Length);
        Assert.Contains("AUROC model", _result.ToMarkdown());
    }
}
