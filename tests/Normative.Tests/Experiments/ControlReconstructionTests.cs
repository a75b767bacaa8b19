using Normative.Data.Synthetic;
using Normative.Experiments;

namespace Normative.Tests.Experiments;

[Collection(ExperimentGridCollection.Name)]
public sealed class ControlReconstructionTests(ExperimentGridFixture fixture)
{
    private readonly ControlReconstructionResult _result = ControlReconstruction.Run(fixture.Grid, fixture.Data);

    [Fact]
    public void Has_one_row_per_method_modality_and_region_in_grid_order()
    {
        int regions = fixture.Data.Regions(SyntheticModalities.Mri).Count;
        // mmSIVAE sees MRI and amyloid, SIVAE (MRI) only MRI.
        Assert.Equal(3 * regions, _result.Regions.Count);
        Assert.Equal(["mmsivae-mopoe", "sivae-mri"], _result.Regions.Select(r => r.MethodKey).Distinct());
        Assert.Equal(fixture.Data.Regions(SyntheticModalities.Mri).Ids, _result.Regions.Where(r => r.MethodKey == "sivae-mri").Select(r => r.Region));
        Assert.Null(_result.SummaryOf("SIVAE (MRI)", 3, SyntheticModalities.Amyloid));
        Assert.All(_result.Regions, r => Assert.Equal(2, r.SeedErrors.Count));
        Assert.All(_result.Regions, r => Assert.Equal(20, r.Controls));
    }

    [Fact]
    public void Means_equal_a_direct_average_of_the_holdout_errors()
    {
        var method = fixture.Options.Methods[0];
        var runs = fixture.Grid.RunsOf(method, 3);
        int m = runs[0].Holdout.Scores.ModalityNames.ToList().IndexOf(SyntheticModalities.Amyloid);
        foreach (int j in new[] { 0, 17, 89 })
        {
            var perSeed = runs.Select(r =>
            {
                var e = r.Holdout.Scores.Errors[m];
                return Enumerable.Range(0, e.GetLength(0)).Average(i => e[i, j]);
            }).ToArray();
            string region = fixture.Data.Regions(SyntheticModalities.Amyloid).Regions[j].Id;
            var row = _result.Regions.Single(r => r.MethodKey == method.Key && r.Modality == SyntheticModalities.Amyloid && r.Region == region);
            Assert.Equal(perSeed, row.SeedErrors);
            Assert.Equal(perSeed.Average(), row.Mean, 12);
            // Sample sd of two values = |a - b| / sqrt(2).
            Assert.Equal(Math.Abs(perSeed[0] - perSeed[1]) / Math.Sqrt(2), row.StandardDeviation!.Value, 12);
        }
    }

    [Fact]
    public void Summary_is_the_mean_over_regions()
    {
        var summary = _result.SummaryOf("SIVAE (MRI)", 3, SyntheticModalities.Mri)!;
        var regions = _result.Regions.Where(r => r.MethodKey == "sivae-mri").ToArray();
        Assert.Equal(regions.Average(r => r.Mean), summary.Mean, 12);
        Assert.Equal(regions.Average(r => r.SeedErrors[1]), summary.SeedErrors[1], 12);
        Assert.Contains("| SIVAE (MRI) | mri |", _result.ToMarkdown());
    }

    [Fact]
    public void Writes_json_and_csv_that_parse()
    {
        using var folder = new TemporaryFolder();
        _result.Write(folder.Path);
        var json = ResultFileAssert.Json(Path.Combine(folder.Path, "control_reconstruction.json"));
        Assert.Equal(_result.Regions.Count, json.GetProperty("regions").GetArrayLength());
        var rows = ResultFileAssert.Csv(Path.Combine(folder.Path, "control_reconstruction.csv"), "method", "method_key", "latent_dim", "modality", "region", "seed", "error");
        Assert.Equal(_result.Regions.Count * 2, rows.Length);
        ResultFileAssert.Csv(Path.Combine(folder.Path, "control_reconstruction_summary.csv"), "method", "method_key", "latent_dim", "modality", "mean", "sd");
    }
}
