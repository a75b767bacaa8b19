using Normative.Experiments;
using Normative.Ranking;

namespace Normative.Tests.Experiments;

[Collection(ExperimentGridCollection.Name)]
public sealed class RankingTableTests(ExperimentGridFixture fixture)
{
    private readonly RankingTableResult _table = RankingTable.Run(fixture.Grid, fixture.Data, new BootstrapOptions(Replicates: 50));

    [Fact]
    public void Has_the_baseline_and_every_method_latent_size_space_and_stage()
    {
        int stages = 1 + Normative.Experiments.ClinicalStages.Patients.Count;
        int modelCells = fixture.Options.Methods.Count * fixture.Options.LatentSizes.Count * 2;
        Assert.Equal((modelCells + 1) * stages, _table.Rows.Count);
        var baseline = Assert.Single(_table.RowsOf(RankingTableResult.AllPatients), r => r.MethodKey == "baseline");
        Assert.Null(baseline.LatentDim);
        Assert.Equal(DeviationSpace.Feature, baseline.Space);
        // Every model cell is compared with the baseline, and the non-MoPoE ones with mmSIVAE (MoPoE) too.
        Assert.Equal(modelCells * stages, _table.Comparisons.Count(c => c.ReferenceKey == "baseline"));
        Assert.Equal(2 * stages, _table.Comparisons.Count(c => c.ReferenceKey == RankingTable.ProposedMethodKey));
        Assert.Contains("baseline", _table.Headline());
    }

    [Fact]
    public void Auroc_and_pooled_counts_agree_with_the_runs()
    {
        var method = fixture.Options.Methods[0];
        var runs = fixture.Grid.RunsOf(method, fixture.Options.LatentSizes[0]);
        var row = _table.Rows.Single(r => r.MethodKey == method.Key && r.Space == DeviationSpace.Feature && r.Stage == RankingTableResult.AllPatients);
        bool calibrated = runs[0].Calibration is not null;
        Assert.Equal(calibrated ? "calibration" : "holdout", row.ReferenceControls);
        double expected = runs.Average(r =>
        {
            var controls = (calibrated ? r.Calibration! : r.Holdout).Deviations.FeatureSquaredDistance;
            var patients = r.Patients.Deviations.FeatureSquaredDistance;
            return AreaUnderRoc.Compute(controls.Concat(patients).ToArray(), controls.Select(_ => false).Concat(patients.Select(_ => true)).ToArray());
        });
        Assert.Equal(expected, row.Discrimination.Auroc, 12);
        Assert.Equal(runs.Sum(r => r.Holdout.Deviations.FeatureOutlier.Count(f => f)), row.Holdout.ControlOutliers);
        Assert.Equal(runs.Sum(r => r.Holdout.Count), row.Holdout.Controls);
        Assert.Equal(runs.Sum(r => r.Patients.Deviations.FeatureOutlier.Count(f => f)), row.Holdout.PatientOutliers);
    }

    [Fact]
    public void Writes_json_and_csv()
    {
        using var folder = new TemporaryFolder();
        _table.Write(folder.Path);
        var json = ResultFileAssert.Json(Path.Combine(folder.Path, "ranking.json"));
        Assert.Equal(_table.Rows.Count, json.GetProperty("rows").GetArrayLength());
        var rows = ResultFileAssert.Csv(Path.Combine(folder.Path, "ranking.csv"), "method", "method_key", "family", "latent_dim", "space", "stage");
        Assert.Equal(_table.Rows.Count, rows.Length);
        var comparisons = ResultFileAssert.Csv(Path.Combine(folder.Path, "ranking_comparisons.csv"), "method", "method_key", "latent_dim", "space", "stage", "reference");
        Assert.Equal(_table.Comparisons.Count, comparisons.Length);
    }
}
