using MathNet.Numerics.Distributions;
using Normative.Data;
using Normative.Deviation;

namespace Normative.Experiments.MmNormVae;

/// <summary>
/// The poster's read-outs of one trained model, computed from its regional deviations (the z-score of each region's
/// reconstruction error against the training controls' errors, <see cref="DeviationScores.FeatureZ"/>): mean deviation
/// per region and group, frequency of significance (one-sided p = 1 - Phi(z) &lt; alpha, uncorrected and
/// Benjamini-Hochberg across each subject's regions), regions significantly above the norm per group, and the
/// correlation of subject-level deviations with ADAS13.
/// </summary>
public static class MmNormVaeSummary
{
    /// <summary>Code of a site handling in tables and files.</summary>
    public static string Code(SiteHandling handling) => handling switch
    {
        SiteHandling.None => "none",
        SiteHandling.ComBatAdapted => "combat_adapted",
        _ => throw new ArgumentOutOfRangeException(nameof(handling), handling, null),
    };

    /// <summary>Group code of a patient stage.</summary>
    public static string GroupOf(ClinicalStage stage) => stage switch
    {
        ClinicalStage.Preclinical => "preclinical",
        ClinicalStage.Cdr05 => "cdr05",
        ClinicalStage.Cdr1Plus => "cdr1plus",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Not one of the clinical study's patient stages."),
    };

    /// <summary>Region and group tables and cognition rows of <paramref name="evaluation"/>.</summary>
    public static (IReadOnlyList<RegionDeviation> Regions, IReadOnlyList<GroupSummary> Groups, IReadOnlyList<CognitionRow> Cognition) Of(
        ModelEvaluation evaluation, ExperimentData data, SiteHandling handling, double alpha)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(data);
        string code = Code(handling), method = evaluation.Method.Label;
        int seed = evaluation.Seed;
        var columns = evaluation.Patients.Scores.ModalityNames
            .SelectMany(m => data.Regions(m).Ids.Select(id => (Modality: m, Region: id))).ToArray();
        var calibration = evaluation.Calibration ?? throw new InvalidOperationException("The clinical study's controls (split calibration) were not scored.");
        var groups = new List<(string Name, GroupEvaluation Group, int[] Rows)>
        {
            (MmNormVaeResult.ControlStudyHoldout, evaluation.Holdout, Enumerable.Range(0, evaluation.Holdout.Count).ToArray()),
            (MmNormVaeResult.ClinicalControls, calibration, Enumerable.Range(0, calibration.Count).ToArray()),
        };
        var patients = evaluation.Patients;
        foreach (var stage in new[] { ClinicalStage.Preclinical, ClinicalStage.Cdr05, ClinicalStage.Cdr1Plus })
        {
            var rows = Enumerable.Range(0, patients.Count).Where(i => data.Subject(patients.Scores.SubjectIds[i]).Stage == stage).ToArray();
            if (rows.Length > 0) groups.Add((GroupOf(stage), patients, rows));
        }

        var regions = new List<RegionDeviation>();
        var summaries = new List<GroupSummary>();
        foreach (var (name, group, rows) in groups)
        {
            var z = group.Deviations.FeatureZ;
            if (z.GetLength(1) != columns.Length)
                throw new InvalidOperationException($"{method}: {z.GetLength(1)} regional deviations per subject, but its modalities have {columns.Length} regions.");
            int p = columns.Length, n = rows.Length;
            var uncorrected = new int[p];
            var fdr = new int[p];
            foreach (int i in rows)
            {
                var pValues = Enumerable.Range(0, p).Select(j => Normal.CDF(0, 1, -z[i, j])).ToArray();
                var rejected = BenjaminiHochberg.Adjust(pValues, alpha).Rejected;
                for (int j = 0; j < p; j++)
                {
                    if (pValues[j] < alpha) uncorrected[j]++;
                    if (rejected[j]) fdr[j]++;
                }
            }
            var means = new double[p];
            var tests = new double[p];
            for (int j = 0; j < p; j++)
            {
                var values = rows.Select(i => z[i, j]).ToArray();
                means[j] = values.Average();
                tests[j] = n >= 2 && values.Any(v => v != values[0]) ? OneSampleTTest.Compute(values).PValue : 1;
                regions.Add(new RegionDeviation(code, method, seed, columns[j].Modality, columns[j].Region, name, n, means[j], uncorrected[j] / (double)n, fdr[j] / (double)n));
            }
            var groupRejected = BenjaminiHochberg.Adjust(tests, alpha).Rejected;
            int significant = Enumerable.Range(0, p).Count(j => groupRejected[j] && means[j] > 0);
            summaries.Add(new GroupSummary(code, method, seed, name, n, significant,
                uncorrected.Average() / n, fdr.Average() / n, means.Average(),
                rows.Count(i => group.Deviations.LatentOutlier[i]) / (double)n, rows.Count(i => group.Deviations.FeatureOutlier[i]) / (double)n));
        }

        var cognition = new List<CognitionRow>();
        var scored = Enumerable.Range(0, patients.Count).Where(i => data.Subject(patients.Scores.SubjectIds[i]).Adas13 is not null).ToArray();
        if (scored.Length > 3)
        {
            var adas = scored.Select(i => data.Subject(patients.Scores.SubjectIds[i]).Adas13!.Value).ToArray();
            var zp = patients.Deviations.FeatureZ;
            var deviations = new (string Name, double[] Values)[]
            {
                ("mean_regional", scored.Select(i => Enumerable.Range(0, columns.Length).Average(j => zp[i, j])).ToArray()),
                ("d_mf", scored.Select(i => patients.Deviations.FeatureSquaredDistance[i]).ToArray()),
                ("d_ml", scored.Select(i => patients.Deviations.LatentSquaredDistance[i]).ToArray()),
            };
            foreach (var (name, values) in deviations)
            {
                var r = PearsonCorrelation.Compute(values, adas);
                var (lower, upper) = FisherCorrelationInterval.Compute(r.Coefficient, r.Count);
                cognition.Add(new CognitionRow(code, method, seed, name, r.Count, r.Coefficient, r.PValue, lower, upper));
            }
        }
        return (regions, summaries, cognition);
    }
}
