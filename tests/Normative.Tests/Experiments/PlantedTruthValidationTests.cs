using MathNet.Numerics.Statistics;
using Normative.Data;
using Normative.Data.Synthetic;
using Normative.Experiments;

namespace Normative.Tests.Experiments;

[Collection(ExperimentGridCollection.Name)]
public sealed class PlantedTruthValidationTests(ExperimentGridFixture fixture)
{
    private readonly PlantedTruthValidationResult _result = PlantedTruthValidation.Run(fixture.Grid, fixture.Data);

    [Fact]
    public void Auroc_lies_in_the_unit_interval_and_equals_the_pairwise_count()
    {
        Assert.Equal(2 * 3, _result.Recovery.Count);
        foreach (var r in _result.Recovery)
        {
            var regions = _result.Regions.Where(x => x.Modality == r.Modality && x.Stage == r.Stage).ToArray();
            Assert.Equal(90, regions.Length);
            Assert.Equal(regions.Count(x => x.Planted), r.PlantedRegions);
            if (r.Auroc is not { } auroc)
            {
                Assert.NotNull(r.Reason);
                continue;
            }
            Assert.InRange(auroc, 0, 1);
            Assert.Equal(AreaUnderRocTests.BruteForce(regions.Select(x => x.Score!.Value).ToArray(), regions.Select(x => x.Planted).ToArray()), auroc, 12);
        }
        Assert.Contains(_result.Recovery, r => r.Auroc is not null);
    }

    [Fact]
    public void Planted_effect_is_the_stage_mean_over_the_training_control_sd()
    {
        var truth = fixture.Synthetic.GroundTruth;
        var region = fixture.Data.Regions(SyntheticModalities.Amyloid).Regions[12];
        var stage = fixture.Data.Patients.SubjectIds.Where(id => fixture.Data.Subject(id).Stage == ClinicalStage.Cdr1Plus).ToArray();
        double mean = stage.Average(id => truth.Effect(id, SyntheticModalities.Amyloid, region.Id));
        var table = fixture.Data.Cohort.Modality(SyntheticModalities.Amyloid);
        double sd = fixture.Data.Cohort.TrainingControlRows.Select(i => table.Row(i)![12]).StandardDeviation();
        var row = _result.Regions.Single(r => r.Modality == SyntheticModalities.Amyloid && r.Stage == ClinicalStage.Cdr1Plus && r.Region == region.Id);
        Assert.Equal(mean, row.MeanEffect, 12);
        Assert.Equal(mean / sd, row.StandardisedEffect, 12);
        Assert.Equal(Math.Abs(mean / sd) >= 0.2, row.Planted);
    }

    [Fact]
    public void Scores_are_the_absolute_cohens_d_of_the_mapping()
    {
        var mapping = LatentToRegionMapping.Run(fixture.Grid, fixture.Data);
        var contrast = mapping.Contrast(SyntheticModalities.Mri, ClinicalStage.Preclinical);
        var rows = _result.Regions.Where(r => r.Modality == SyntheticModalities.Mri && r.Stage == ClinicalStage.Preclinical).ToArray();
        Assert.Equal(contrast.Regions.Select(r => Math.Abs(r.CohensD)), rows.Select(r => r.Score!.Value));
        Assert.Equal(mapping.Source, _result.Source);
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
        Assert.Equal(6, ResultFileAssert.Csv(Path.Combine(folder.Path, "planted_truth_auroc.csv"), "method_key", "latent_dim", "seed", "modality", "stage", "subjects", "planted_regions", "other_regions", "auroc").Length);
        Assert.Equal(6 * 90, ResultFileAssert.Csv(Path.Combine(folder.Path, "planted_truth_regions.csv"), "modality", "stage", "region", "mean_effect").Length);
        Assert.Equal(4, ResultFileAssert.Csv(Path.Combine(folder.Path, "planted_truth_fpr.csv"), "method", "method_key", "latent_dim", "seed", "controls", "fpr_d_ml", "fpr_d_mf").Length);
        Assert.Contains("AUROC", _result.ToMarkdown());
    }
}
