using Normative.Data;
using Normative.Deviation;
using Normative.Experiments;

namespace Normative.Tests.Experiments;

[Collection(ExperimentGridCollection.Name)]
public sealed class CognitionAssociationTests(ExperimentGridFixture fixture)
{
    private readonly CognitionAssociationResult _result = CognitionAssociation.Run(fixture.Grid, fixture.Data);

    [Fact]
    public void Uses_the_patients_with_adas13()
    {
        var patients = fixture.Grid.Runs[0].Patients.Scores.SubjectIds.Select(fixture.Data.Subject).ToArray();
        int withScore = patients.Count(s => s.Adas13 is not null);
        Assert.Equal(4, _result.Rows.Count);
        Assert.Equal(patients.Length - withScore, _result.PatientsWithoutScore);
        Assert.All(_result.Rows, r => Assert.Equal(withScore, r.Subjects));
        Assert.All(_result.Rows, r => Assert.InRange(r.Pearson.PValue, 0, 1));
    }

    [Fact]
    public void Coefficients_match_the_metrics_on_rebuilt_vectors()
    {
        var run = fixture.Grid.Representative(fixture.Options.Methods[0], 3);
        var ids = run.Patients.Scores.SubjectIds;
        var rows = Enumerable.Range(0, ids.Count).Where(i => fixture.Data.Subject(ids[i]).Adas13 is not null).ToArray();
        var x = rows.Select(i => Math.Sqrt(run.Patients.Deviations.LatentSquaredDistance[i])).ToArray();
        var y = rows.Select(i => fixture.Data.Subject(ids[i]).Adas13!.Value).ToArray();
        var covariates = new double[rows.Length, 2];
        for (int k = 0; k < rows.Length; k++)
        {
            var s = fixture.Data.Subject(ids[rows[k]]);
            covariates[k, 0] = s.Age;
            covariates[k, 1] = s.Sex == Sex.Male ? 1 : 0;
        }
        var row = _result.Of(run.Method.Label, DeviationSpace.Latent);
        Assert.Equal(PearsonCorrelation.Compute(x, y).Coefficient, row.Pearson.Coefficient, 12);
        Assert.Equal(SpearmanCorrelation.Compute(x, y).Coefficient, row.Spearman.Coefficient, 12);
        Assert.Equal(CovariateAdjustedCorrelation.Compute(x, y, covariates).Coefficient, row.AdjustedPearson.Coefficient, 12);
        Assert.Equal(CorrelationMethod.Spearman, row.AdjustedSpearman.Method);
    }

    [Fact]
    public void Writes_json_and_csv_that_parse()
    {
        using var folder = new TemporaryFolder();
        _result.Write(folder.Path);
        var json = ResultFileAssert.Json(Path.Combine(folder.Path, "cognition_association.json"));
        Assert.Equal(4, json.GetProperty("rows").GetArrayLength());
        var rows = ResultFileAssert.Csv(Path.Combine(folder.Path, "cognition_association.csv"), "method", "method_key", "latent_dim", "seed", "space", "correlation", "adjusted");
        Assert.Equal(16, rows.Length);
        Assert.Contains("Spearman rho", _result.ToMarkdown());
    }
}
