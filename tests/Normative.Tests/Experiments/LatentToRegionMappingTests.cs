using Normative.Data;
using Normative.Data.Synthetic;
using Normative.Deviation;
using Normative.Experiments;

namespace Normative.Tests.Experiments;

/// <summary>The latent-to-region mapping on the shared tiny grid: the corrected procedure's pieces and the paper's procedure.</summary>
[Collection(ExperimentGridCollection.Name)]
public sealed class LatentToRegionMappingTests(ExperimentGridFixture fixture)
{
    private ModelEvaluation Run => FigureRun.Select(fixture.Grid);

    private static readonly LatentToRegionOptions Paper = new() { Procedure = MappingProcedure.Paper };

    [Fact]
    public void Defaults_to_the_corrected_procedure_on_the_first_seed_of_mmsivae_mopoe()
    {
        var result = LatentToRegionMapping.Run(fixture.Grid, fixture.Data);
        Assert.Equal(MappingProcedure.Corrected, result.Procedure);
        Assert.Equal("mmsivae-mopoe", result.MethodKey);
        Assert.Equal(0, result.Seed);
        Assert.Equal(3, result.LatentDim);
        Assert.Equal("control sd", result.EffectUnit);
        Assert.Null(result.SelectionThreshold);
        Assert.Equal(3, result.Selections.Count);
        Assert.Equal(2 * 3, result.Effects.Count);
    }

    [Fact]
    public void Corrected_selection_is_welch_t_of_z_ml_against_held_out_controls_with_bh()
    {
        var result = LatentToRegionMapping.Run(Run, fixture.Data);
        var stages = ClinicalStages.Of(fixture.Data, Run.Patients.Scores.SubjectIds);
        var rows = ClinicalStages.RowsOf(stages, ClinicalStage.Cdr1Plus);
        var z = Run.Patients.Deviations.LatentZ;
        var controls = Run.Holdout.Deviations.LatentZ;
        var selection = result.Selection(ClinicalStage.Cdr1Plus);
        var p = new double[3];
        for (int k = 0; k < 3; k++)
        {
            var welch = WelchTTest.Compute(rows.Select(i => z[i, k]).ToArray(), Enumerable.Range(0, 20).Select(i => controls[i, k]).ToArray());
            Assert.Equal(welch.T, selection.Dimensions[k].T, 12);
            Assert.Equal(welch.MeanDifference, selection.Dimensions[k].MeanDifference, 12);
            p[k] = welch.PValue;
        }
        var fdr = BenjaminiHochberg.Adjust(p, 0.05);
        Assert.Equal(fdr.AdjustedPValues, selection.Dimensions.Select(d => d.QValue));
        Assert.Equal(Enumerable.Range(1, 3).Where(k => fdr.Rejected[k - 1]), selection.SelectedDimensions);
    }

    [Fact]
    public void Corrected_effects_are_the_mean_decoded_counterfactual_with_real_covariates_at_the_control_mean()
    {
        var result = LatentToRegionMapping.Run(Run, fixture.Data);
        var stages = ClinicalStages.Of(fixture.Data, Run.Patients.Scores.SubjectIds);
        foreach (var stage in ClinicalStages.Patients)
        {
            var selection = result.Selection(stage);
            var rows = ClinicalStages.RowsOf(stages, stage);
            var latent = ArrayInput.Submatrix(Run.Patients.Scores.Latent, rows);
            var covariates = ArrayInput.Submatrix(LatentToRegionMapping.CovariatesOf(fixture.Data.Patients, Run.Patients.Scores.SubjectIds), rows);
            var decoded = LatentDecoding.SelectedEffect(Run.Model, latent, covariates, Run.Reference.LatentZ.Means, selection.SelectedDimensions);
            var amyloid = result.Effect(SyntheticModalities.Amyloid, stage);
            Assert.Equal(selection.SelectedDimensions, amyloid.SelectedDimensions);
            Assert.Equal(Enumerable.Range(0, rows.Length).Average(i => decoded[1][i, 7]), amyloid.Regions[7].Effect, 12);
            Assert.InRange(amyloid.Regions[7].Effect, amyloid.Regions[7].CiLower!.Value, amyloid.Regions[7].CiUpper!.Value);
            if (selection.SelectedDimensions.Count == 0)
                Assert.All(amyloid.Regions, r => Assert.Equal(0, r.Effect));
        }
        // The per-patient table holds the same effects.
        var table = result.SubjectDeviations.Single(t => t.Modality == SyntheticModalities.Mri);
        Assert.Equal(Run.Patients.Count, table.SubjectIds.Count);
        var late = ClinicalStages.RowsOf(stages, ClinicalStage.Cdr1Plus);
        Assert.Equal(result.Effect(SyntheticModalities.Mri, ClinicalStage.Cdr1Plus).Regions[3].Effect, late.Average(i => table.Values[i, 3]), 12);
    }

    [Fact]
    public void The_same_bootstrap_seed_gives_the_same_intervals_and_another_seed_other_ones()
    {
        var options = new LatentToRegionOptions { FdrLevel = 0.5, BootstrapReplicates = 200 };
        var a = LatentToRegionMapping.Run(Run, fixture.Data, options);
        var b = LatentToRegionMapping.Run(Run, fixture.Data, options);
        var c = LatentToRegionMapping.Run(Run, fixture.Data, options with { BootstrapSeed = 7 });
        var moving = a.Effects.SelectMany(e => e.Regions).Where(r => r.Effect != 0).Select(r => r.CiLower).ToArray();
        Assert.Equal(moving, b.Effects.SelectMany(e => e.Regions).Where(r => r.Effect != 0).Select(r => r.CiLower));
        if (moving.Length > 0)
            Assert.NotEqual(moving, c.Effects.SelectMany(e => e.Regions).Where(r => r.Effect != 0).Select(r => r.CiLower));
    }

    [Fact]
    public void Paper_procedure_selects_by_mean_absolute_z_and_zeroes_the_rest()
    {
        var result = LatentToRegionMapping.Run(Run, fixture.Data, Paper with { SelectionThreshold = 0 });
        Assert.Equal(MappingProcedure.Paper, result.Procedure);
        Assert.Equal([1, 2, 3], result.PaperSelectedDimensions);
        Assert.Empty(result.Selections);
        Assert.Equal(RegionalDeviationSource.DecodedSelectedLatents, result.Source);
        var z = Run.Patients.Deviations.LatentZ;
        Assert.Equal(Enumerable.Range(0, z.GetLength(0)).Average(i => Math.Abs(z[i, 1])), result.Dimensions[1].MeanAbsoluteZ, 12);
        var mri = result.SubjectDeviations.Single(t => t.Modality == SyntheticModalities.Mri);
        Assert.Equal(60 + 20 + 60, mri.SubjectIds.Count);
        var train = LatentDecoding.ZeroingOthers(Run.Model, Run.TrainControls.Scores.Latent, [1, 2, 3])[0];
        var patients = LatentDecoding.ZeroingOthers(Run.Model, Run.Patients.Scores.Latent, [1, 2, 3])[0];
        var expected = ZScoreReference.Fit(train, fixture.Options.Conventions.ZScoreDdof).Transform(patients);
        Assert.Equal(expected[7, 4], mri.Values[80 + 7, 4], 12);
        // The effect is Cohen's d of the stage against the held-out controls.
        var effect = result.Effect(SyntheticModalities.Mri, ClinicalStage.Cdr05);
        var stage = mri.Column(30, mri.PatientRows(ClinicalStage.Cdr05));
        var controls = mri.Column(30, mri.HoldoutRows);
        Assert.Equal(CohensD.Compute(stage, controls), effect.Regions[30].Effect, 12);
        Assert.Null(effect.Regions[30].CiLower);
    }

    [Fact]
    public void Paper_procedure_with_no_selected_dimension_falls_back_to_z_mf_and_says_so()
    {
        var result = LatentToRegionMapping.Run(Run, fixture.Data, Paper with { SelectionThreshold = double.PositiveInfinity });
        Assert.Empty(result.PaperSelectedDimensions);
        Assert.Equal(RegionalDeviationSource.ReconstructionErrorZ, result.Source);
        Assert.Contains("fallback", result.Note);
        var amyloid = result.SubjectDeviations.Single(t => t.Modality == SyntheticModalities.Amyloid);
        int holdoutRow = amyloid.HoldoutRows[0];
        Assert.Equal(Run.Holdout.Deviations.FeatureZ[holdoutRow - Run.TrainControls.Count, 90 + 5], amyloid.Values[holdoutRow, 5]);
    }

    [Fact]
    public void Decoding_ignores_unselected_dimensions_and_restores_the_mode()
    {
        var model = Run.Model;
        model.train();
        double[,] latent = { { 0.3, -1.2, 2.0 }, { 0.3, 5.0, -3.0 }, { 0.0, 0.0, 0.0 } };
        var decoded = LatentDecoding.ZeroingOthers(model, latent, [1]);
        Assert.True(model.training);
        model.eval();
        for (int m = 0; m < decoded.Count; m++)
            for (int j = 0; j < decoded[m].GetLength(1); j++)
                Assert.Equal(decoded[m][0, j], decoded[m][1, j]);
        var covariates = ArrayInput.Submatrix(LatentToRegionMapping.CovariatesOf(fixture.Data.Patients, Run.Patients.Scores.SubjectIds), [0, 1, 2]);
        var none = LatentDecoding.SelectedEffect(model, latent, covariates, [0.1, 0.2, 0.3], []);
        Assert.All(none, block => Assert.All(block.Cast<double>(), v => Assert.Equal(0, v)));
        Assert.Throws<ArgumentOutOfRangeException>(() => LatentDecoding.ZeroingOthers(model, latent, [4]));
    }

    [Theory]
    [InlineData(MappingProcedure.Corrected, "eff_mri_", 60)]
    [InlineData(MappingProcedure.Paper, "dec_mri_", 140)]
    public void Writes_json_and_csv_that_parse(MappingProcedure procedure, string prefix, int subjects)
    {
        var result = LatentToRegionMapping.Run(Run, fixture.Data, new LatentToRegionOptions { Procedure = procedure, SelectionThreshold = 0 });
        using var folder = new TemporaryFolder();
        result.Write(folder.Path);
        var json = ResultFileAssert.Json(Path.Combine(folder.Path, "latent_to_region.json"));
        Assert.Equal(LatentToRegionWriter.Code(procedure), json.GetProperty("procedure").GetString());
        Assert.False(json.TryGetProperty("subject_deviations", out _));
        Assert.Equal(3 * 4, ResultFileAssert.Csv(Path.Combine(folder.Path, "latent_to_region_dimensions.csv"), "method_key", "latent_dim", "seed", "procedure", "dimension", "stage").Length);
        Assert.Equal(procedure == MappingProcedure.Corrected ? 3 * 3 : 0,
            ResultFileAssert.Csv(Path.Combine(folder.Path, "latent_to_region_selection.csv"), "method_key", "latent_dim", "seed", "procedure", "stage", "subjects", "controls", "dimension", "mean_difference", "t", "p", "q", "selected").Length);
        Assert.Equal(2 * 3 * 90, ResultFileAssert.Csv(Path.Combine(folder.Path, "latent_to_region_effects.csv"), "method_key", "latent_dim", "seed", "procedure", "unit", "modality", "stage", "region", "effect", "ci_lower", "ci_upper").Length);
        Assert.Equal(subjects, ResultFileAssert.Csv(Path.Combine(folder.Path, "latent_to_region_subjects.csv"), "subject_id", "split", "stage", prefix + fixture.Data.Regions("mri").Regions[0].Id).Length);
        Assert.Contains("Largest effects", result.ToMarkdown());
    }
}
