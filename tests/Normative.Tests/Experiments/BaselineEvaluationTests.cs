using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using Normative.Data;
using Normative.Data.Synthetic;
using Normative.Deviation;
using Normative.Experiments;
using static TorchSharp.torch;

namespace Normative.Tests.Experiments;

/// <summary>The no-model baseline (issue 21) against a direct computation on a small cohort.</summary>
public sealed class BaselineEvaluationTests : IDisposable
{
    private static readonly DeviationConventions Conventions = DeviationConventions.Default with
    {
        FeatureCovariance = CovarianceEstimatorKind.Sample,
        Outliers = OutlierRule.Textbook,
    };

    private readonly ExperimentData _data;

    public BaselineEvaluationTests()
    {
        // 300 training controls for 180 regional values, so the sample covariance is invertible.
        var synthetic = SyntheticCohortGenerator.Generate(new SyntheticCohortOptions { Seed = 4, Sizes = new CohortSizes(300, 30, 20, 20, 20), CalibrationControls = 30 });
        _data = ExperimentData.From(synthetic.Cohort, synthetic.GroundTruth);
    }

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Matches_a_direct_computation()
    {
        var baseline = BaselineEvaluation.Run(_data, Conventions);

        // Direct: normal equations for [1, age, male], residual z-scores (ddof 1), sample mean / covariance, explicit inverse.
        var xTrain = Matrix<double>.Build.DenseOfArray(Inputs(_data.Train));
        var cTrain = Design(_data.Train);
        var beta = (cTrain.TransposeThisAndMultiply(cTrain)).Inverse() * cTrain.TransposeThisAndMultiply(xTrain);
        var rTrain = xTrain - cTrain * beta;
        int n = rTrain.RowCount, p = rTrain.ColumnCount;
        var mean = rTrain.ColumnSums() / n;
        var sd = Vector<double>.Build.Dense(p, j => Math.Sqrt(rTrain.Column(j).Sum(v => (v - mean[j]) * (v - mean[j])) / (n - 1)));
        Matrix<double> Z(Matrix<double> r) => Matrix<double>.Build.Dense(r.RowCount, p, (i, j) => (r[i, j] - mean[j]) / sd[j]);
        var zTrain = Z(rTrain);
        var zMean = zTrain.ColumnSums() / n;
        var centred = Matrix<double>.Build.Dense(n, p, (i, j) => zTrain[i, j] - zMean[j]);
        var inverse = (centred.TransposeThisAndMultiply(centred) / (n - 1)).Inverse();
        double threshold = ChiSquared.InvCDF(p, 0.999);

        foreach (var (group, scored) in new[] { (_data.Holdout, baseline.Holdout), (_data.Patients, baseline.Patients), (_data.Calibration, baseline.Calibration!) })
        {
            var z = Z(Matrix<double>.Build.DenseOfArray(Inputs(group)) - Design(group) * beta);
            Assert.Equal(group.SubjectIds, scored.SubjectIds);
            for (int i = 0; i < z.RowCount; i++)
            {
                var diff = z.Row(i) - zMean;
                double d2 = diff * inverse * diff;
                Assert.Equal(d2, scored.Scores.SquaredDistance[i], d2 * 1e-6);
                Assert.Equal(d2 > threshold, scored.Scores.Outlier[i]);
                for (int j = 0; j < p; j += 17) Assert.Equal(z[i, j], scored.Scores.RegionalZ[i, j], 1e-8);
            }
        }
    }

    [Fact]
    public void Is_in_table_1_without_a_latent_cell_and_ranks_against_the_controls()
    {
        var baseline = BaselineEvaluation.Run(_data, Conventions);
        var ratio = baseline.LikelihoodRatio;
        Assert.Equal(_data.Patients.Count, ratio.Patients);
        Assert.Equal(_data.Holdout.Count, ratio.Controls);
        Assert.Equal("baseline", BaselineEvaluation.Method.Key);
        Assert.DoesNotContain(MethodCatalogue.Select(["baseline", "mmsivae-mopoe"]), m => m.Key == "baseline");
        Assert.Throws<ArgumentException>(() => MethodCatalogue.Select(["baseline"]));
    }

    [Fact]
    public void Scores_subjects_without_pet_over_their_mri_and_writes_every_subject_to_its_file()
    {
        var synthetic = SyntheticCohortGenerator.Generate(new SyntheticCohortOptions
        {
            Seed = 4, Sizes = new CohortSizes(300, 30, 20, 20, 20), CalibrationControls = 10, AmyloidMissingFraction = 0.3,
        });
        using var data = ExperimentData.From(synthetic.Cohort, synthetic.GroundTruth);
        var baseline = BaselineEvaluation.Run(data, Conventions);
        int mri = data.Train.FeatureCounts[0];
        Assert.Equal(["mri", "amyloid"], data.Train.ModalityNames);

        var withoutPet = Enumerable.Range(0, baseline.Patients.Count).Where(i => baseline.Patients.Patterns[i].Key == "mri").ToArray();
        Assert.NotEmpty(withoutPet);
        foreach (int i in withoutPet)
        {
            Assert.True(double.IsFinite(baseline.Patients.Scores.SquaredDistance[i]));
            Assert.True(double.IsNaN(baseline.Patients.Scores.RegionalZ[i, mri]));
            Assert.False(double.IsNaN(baseline.Patients.Scores.RegionalZ[i, 0]));
        }

        string folder = Path.Combine(Path.GetTempPath(), $"baseline-csv-{Guid.NewGuid():N}");
        try
        {
            BaselineScoresCsv.Write(folder, data, baseline);
            var lines = File.ReadAllLines(Path.Combine(folder, BaselineScoresCsv.FileName));
            var header = lines[0].Split(',');
            Assert.Equal(["subject_id", "split", "group", "cdr", "d_mf", "outlier_mf", "p_mf", "modalities", "in_training"], header[..9]);
            Assert.Equal(9 + baseline.Patients.Scores.RegionalZ.GetLength(1), header.Length);
            Assert.Equal(baseline.TrainControls.Count + baseline.Holdout.Count + baseline.Patients.Count, lines.Length - 1);
            int firstPatient = 1 + baseline.TrainControls.Count + baseline.Holdout.Count;
            var row = lines[firstPatient + withoutPet[0]].Split(',');
            Assert.Equal(baseline.Patients.SubjectIds[withoutPet[0]], row[0]);
            Assert.Equal("mri", row[7]);
            Assert.Equal("", row[9 + mri]);
            Assert.Equal(Math.Sqrt(baseline.Patients.Scores.SquaredDistance[withoutPet[0]]), double.Parse(row[4], System.Globalization.CultureInfo.InvariantCulture), 1e-12);
            Assert.Equal(["false", "true"], lines.Skip(1).Select(l => l.Split(',')[8]).Distinct().Order());
            Assert.Equal(10 + 1, File.ReadAllLines(Path.Combine(folder, BaselineScoresCsv.CalibrationFileName)).Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The model inputs of every modality side by side, read straight from the tensors.</summary>
    private static double[,] Inputs(SubjectTensors group)
    {
        int n = group.Count;
        var parts = group.Modalities.Select(t => (P: (int)t.shape[1], Values: t.data<float>().ToArray())).ToArray();
        var x = new double[n, parts.Sum(q => q.P)];
        for (int i = 0; i < n; i++)
        {
            int offset = 0;
            foreach (var (pm, values) in parts)
            {
                for (int j = 0; j < pm; j++) x[i, offset + j] = values[i * pm + j];
                offset += pm;
            }
        }
        return x;
    }

    private Matrix<double> Design(SubjectTensors group) => Matrix<double>.Build.Dense(group.Count, 3, (i, j) =>
    {
        var s = _data.Subject(group.SubjectIds[i]);
        return j switch { 0 => 1.0, 1 => s.Age, _ => s.Sex == Sex.Male ? 1.0 : 0.0 };
    });
}
