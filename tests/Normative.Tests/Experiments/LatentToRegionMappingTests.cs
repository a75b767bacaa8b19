using Normative.Data;
using Normative.Data.Synthetic;
using Normative.Deviation;
using Normative.Experiments;

namespace Normative.Tests.Experiments;

[Collection(ExperimentGridCollection.Name)]
public sealed class LatentToRegionMappingTests(ExperimentGridFixture fixture)
{
    private ModelEvaluation Run => FigureRun.Select(fixture.Grid);

    [Fact]
    public void Defaults_to_the_first_seed_of_mmsivae_mopoe()
    {
        var result = LatentToRegionMapping.Run(fixture.Grid, fixture.Data);
        Assert.Equal("mmsivae-mopoe", result.MethodKey);
        Assert.Equal(0, result.Seed);
        Assert.Equal(3, result.LatentDim);
        Assert.Equal(1.96, result.SelectionThreshold);
    }

    [Fact]
    public void Mean_absolute_z_and_selection_follow_the_definition()
    {
        var result = LatentToRegionMapping.Run(Run, fixture.Data);
        var z = Run.Patients.Deviations.LatentZ;
        var stages = Run.Patients.Scores.SubjectIds.Select(id => fixture.Data.Subject(id).Stage).ToArray();
        Assert.Equal([1, 2, 3], result.Dimensions.Select(d => d.Dimension));
        for (int k = 0; k < 3; k++)
        {
            var d = result.Dimensions[k];
            Assert.Equal(Enumerable.Range(0, z.GetLength(0)).Average(i => Math.Abs(z[i, k])), d.MeanAbsoluteZ, 12);
            var late = Enumerable.Range(0, z.GetLength(0)).Where(i => stages[i] == ClinicalStage.Cdr1Plus).ToArray();
            Assert.Equal(late.Average(i => Math.Abs(z[i, k])), d.Stages.Single(s => s.Stage == ClinicalStage.Cdr1Plus).MeanAbsoluteZ!.Value, 12);
            Assert.Equal(d.MeanAbsoluteZ > 1.96, d.Selected);
        }
        Assert.Equal(result.Dimensions.Where(d => d.Selected).Select(d => d.Dimension), result.SelectedDimensions);
        Assert.Equal(result.SelectedDimensions.Count > 0 ? RegionalDeviationSource.DecodedSelectedLatents : RegionalDeviationSource.ReconstructionErrorZ, result.Source);
    }

    [Fact]
    public void With_no_selected_dimension_falls_back_to_the_reconstruction_error_z_and_says_so()
    {
        var result = LatentToRegionMapping.Run(Run, fixture.Data, new LatentToRegionOptions { SelectionThreshold = double.PositiveInfinity });
        Assert.Empty(result.SelectedDimensions);
        Assert.Equal(RegionalDeviationSource.ReconstructionErrorZ, result.Source);
        Assert.Contains("Fallback", result.SourceNote);
        // The amyloid block of Z_mf follows the 90 MRI columns.
        var amyloid = result.SubjectDeviations.Single(t => t.Modality == SyntheticModalities.Amyloid);
        int holdoutRow = amyloid.HoldoutRows[0];
        int holdoutIndex = holdoutRow - Run.TrainControls.Count;
        Assert.Equal(Run.Holdout.Deviations.FeatureZ[holdoutIndex, 90 + 5], amyloid.Values[holdoutRow, 5]);
        Assert.Contains("No dimension", result.ToMarkdown());
    }

    [Fact]
    public void With_every_dimension_selected_decodes_and_zscores_against_training_controls()
    {
        var result = LatentToRegionMapping.Run(Run, fixture.Data, new LatentToRegionOptions { SelectionThreshold = 0 });
        Assert.Equal([1, 2, 3], result.SelectedDimensions);
        Assert.Equal(RegionalDeviationSource.DecodedSelectedLatents, result.Source);
        var mri = result.SubjectDeviations.Single(t => t.Modality == SyntheticModalities.Mri);
        Assert.Equal(60 + 20 + 60, mri.SubjectIds.Count);
        // Recompute region 4 of a patient: decode all three groups' latents, z-score against the training rows.
        var train = LatentToRegionMapping.DecodeSelected(Run.Model, Run.TrainControls.Scores.Latent, [1, 2, 3])[0];
        var patients = LatentToRegionMapping.DecodeSelected(Run.Model, Run.Patients.Scores.Latent, [1, 2, 3])[0];
        var reference = ZScoreReference.Fit(train, fixture.Options.Conventions.ZScoreDdof);
        var expected = reference.Transform(patients);
        Assert.Equal(expected[7, 4], mri.Values[80 + 7, 4], 12);
        // Training controls' decoded z-scores have mean 0 in every region.
        Assert.Equal(0, Enumerable.Range(0, 60).Average(i => mri.Values[i, 11]), 9);
    }

    [Fact]
    public void Decoding_ignores_unselected_dimensions_and_restores_the_mode()
    {
        var model = Run.Model;
        model.train();
        double[,] latent = { { 0.3, -1.2, 2.0 }, { 0.3, 5.0, -3.0 }, { 0.0, 0.0, 0.0 } };
        var decoded = LatentToRegionMapping.DecodeSelected(model, latent, [1]);
        Assert.True(model.training);
        model.eval();
        for (int m = 0; m < decoded.Count; m++)
            for (int j = 0; j < decoded[m].GetLength(1); j++)
                Assert.Equal(decoded[m][0, j], decoded[m][1, j]);
        // With nothing selected every subject decodes like the zero latent.
        var none = LatentToRegionMapping.DecodeSelected(model, latent, []);
        Assert.Equal(none[0][2, 9], none[0][0, 9]);
        Assert.Equal(none[1][2, 9], none[1][1, 9]);
        Assert.NotEqual(decoded[0][0, 9], none[0][0, 9]);
        Assert.Throws<ArgumentOutOfRangeException>(() => LatentToRegionMapping.DecodeSelected(model, latent, [4]));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(double.PositiveInfinity)]
    public void Contrast_statistics_match_the_metrics_on_the_raw_vectors(double threshold)
    {
        var result = LatentToRegionMapping.Run(Run, fixture.Data, new LatentToRegionOptions { SelectionThreshold = threshold });
        Assert.Equal(2 * 3, result.Contrasts.Count);
        var table = result.SubjectDeviations.Single(t => t.Modality == SyntheticModalities.Amyloid);
        var contrast = result.Contrast(SyntheticModalities.Amyloid, ClinicalStage.Cdr05);
        Assert.Equal(20, contrast.StageSubjects);
        Assert.Equal(20, contrast.Controls);
        var stage = table.Column(30, table.PatientRows(ClinicalStage.Cdr05));
        var controls = table.Column(30, table.HoldoutRows);
        var region = contrast.Regions[30];
        Assert.Equal(table.RegionIds[30], region.Region);
        Assert.Equal(CohensD.Compute(stage, controls), region.CohensD, 12);
        Assert.Equal(WelchTTest.Compute(stage, controls).PValue, region.PValue, 12);
        var fdr = BenjaminiHochberg.Adjust(contrast.Regions.Select(r => r.PValue).ToArray(), 0.05);
        Assert.Equal(fdr.AdjustedPValues, contrast.Regions.Select(r => r.QValue));
        Assert.Equal(contrast.Regions.Count(r => r.QValue <= 0.05), contrast.SignificantRegions);
    }

    [Fact]
    public void Writes_json_and_csv_that_parse()
    {
        var result = LatentToRegionMapping.Run(Run, fixture.Data, new LatentToRegionOptions { SelectionThreshold = 0 });
        using var folder = new TemporaryFolder();
        result.Write(folder.Path);
        var json = ResultFileAssert.Json(Path.Combine(folder.Path, "latent_to_region.json"));
        Assert.Equal("decoded_selected_latents", json.GetProperty("source").GetString());
        Assert.False(json.TryGetProperty("subject_deviations", out _));
        Assert.Equal(3 * 4, ResultFileAssert.Csv(Path.Combine(folder.Path, "latent_to_region_dimensions.csv"), "method_key", "latent_dim", "seed", "dimension", "stage").Length);
        Assert.Equal(2 * 3 * 90, ResultFileAssert.Csv(Path.Combine(folder.Path, "latent_to_region_contrasts.csv"), "method_key", "latent_dim", "seed", "source", "modality", "stage", "region", "cohens_d").Length);
        var subjects = ResultFileAssert.Csv(Path.Combine(folder.Path, "latent_to_region_subjects.csv"), "subject_id", "split", "stage", "dec_mri_" + fixture.Data.Regions("mri").Regions[0].Id);
        Assert.Equal(140, subjects.Length);
    }
}
