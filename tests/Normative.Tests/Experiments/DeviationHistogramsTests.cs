using Normative.Data;
using Normative.Deviation;
using Normative.Experiments;

namespace Normative.Tests.Experiments;

[Collection(ExperimentGridCollection.Name)]
public sealed class DeviationHistogramsTests(ExperimentGridFixture fixture)
{
    private readonly DeviationHistogramsResult _result = DeviationHistograms.Run(fixture.Grid, fixture.Data);

    [Fact]
    public void Keeps_the_first_seed_distances_of_every_method_in_both_spaces()
    {
        Assert.Equal(3, _result.LatentDim);
        Assert.Equal(4, _result.Distributions.Count);
        Assert.Equal([DeviationSpace.Feature, DeviationSpace.Feature, DeviationSpace.Latent, DeviationSpace.Latent], _result.Distributions.Select(d => d.Space));
        var run = fixture.Grid.Representative(fixture.Options.Methods[1], 3);
        var feature = _result.Of(run.Method.Label, DeviationSpace.Feature);
        Assert.Equal(0, feature.Seed);
        Assert.Equal(run.Holdout.Deviations.FeatureSquaredDistance.Select(Math.Sqrt), feature.ControlDistances);
        Assert.Equal(run.Patients.Deviations.FeatureSquaredDistance.Select(Math.Sqrt), feature.PatientDistances);
        var latent = _result.Of(run.Method.Label, DeviationSpace.Latent);
        Assert.Equal(run.Holdout.Deviations.LatentSquaredDistance.Select(Math.Sqrt), latent.ControlDistances);
    }

    [Fact]
    public void Emd_equals_the_metric_on_the_stored_samples()
    {
        foreach (var d in _result.Distributions)
        {
            Assert.Equal(EarthMoversDistance.Compute(d.ControlDistances, d.PatientDistances), d.EarthMoversDistance, 12);
            Assert.True(d.EarthMoversDistance > 0);
            foreach (var s in d.Stages)
                Assert.Equal(EarthMoversDistance.Compute(d.ControlDistances, s.Distances), s.EarthMoversDistance!.Value, 12);
        }
    }

    [Fact]
    public void Stages_partition_the_patients()
    {
        var d = _result.Distributions[0];
        Assert.Equal([ClinicalStage.Preclinical, ClinicalStage.Cdr05, ClinicalStage.Cdr1Plus], d.Stages.Select(s => s.Stage));
        Assert.All(d.Stages, s => Assert.Equal(20, s.Distances.Count));
        Assert.Equal(d.PatientIds.Order(), d.Stages.SelectMany(s => s.SubjectIds).Order());
        Assert.All(d.Stages, s => Assert.All(s.SubjectIds, id => Assert.Equal(s.Stage, fixture.Data.Subject(id).Stage)));
        var first = d.Stages[0];
        int index = d.PatientIds.ToList().IndexOf(first.SubjectIds[0]);
        Assert.Equal(d.PatientDistances[index], first.Distances[0]);
    }

    [Fact]
    public void Writes_json_and_csv_that_parse()
    {
        using var folder = new TemporaryFolder();
        _result.Write(folder.Path);
        var json = ResultFileAssert.Json(Path.Combine(folder.Path, "deviation_histograms.json"));
        Assert.Equal(4, json.GetProperty("distributions").GetArrayLength());
        var rows = ResultFileAssert.Csv(Path.Combine(folder.Path, "deviation_histograms.csv"), "method", "method_key", "latent_dim", "seed", "space", "subject_id", "stage", "distance");
        Assert.Equal(4 * (20 + 60), rows.Length);
        var emd = ResultFileAssert.Csv(Path.Combine(folder.Path, "deviation_histograms_emd.csv"), "method", "method_key", "latent_dim", "seed", "space", "patients", "emd");
        Assert.Equal(4 * 4, emd.Length);
        Assert.Contains("EMD all patients", _result.ToMarkdown());
    }
}
