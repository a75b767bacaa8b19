using Normative.Data;
using Normative.Data.Synthetic;

namespace Normative.Tests.Data;

/// <summary>
/// Realised group differences of a synthetic cohort, measured as a user would on the data the model sees (volume / ICV,
/// SUVR): Cohen's d (pooled SD, ddof = 1) of a stage against the amyloid-negative controls, raw or after removing the
/// age and sex effects fitted on the controls (domain-notes §3.3 defines its targets without the groups' age difference).
/// </summary>
internal sealed class SyntheticEffectSizes(SyntheticCohort cohort)
{
    public SyntheticCohort Cohort { get; } = cohort;

    /// <summary>Values before z-scoring: volume / ICV for MRI, SUVR for amyloid, of the subjects <paramref name="who"/> selects.</summary>
    public (double[] Values, Subject[] Subjects) Values(string modality, string region, Func<Subject, bool> who)
    {
        var table = Cohort.Cohort.Modality(modality);
        int j = table.Regions.IndexOf(region);
        if (j < 0) throw new ArgumentException($"No region '{region}'.", nameof(region));
        var rows = Cohort.Cohort.Rows(who).Where(table.IsObserved).ToArray();
        var subjects = rows.Select(i => Cohort.Cohort.Subjects[i]).ToArray();
        var values = rows.Select(i => table.Entry.DividesByIcv ? table.Row(i)![j] / Cohort.Cohort.Subjects[i].RequireIcv() : table.Row(i)![j]).ToArray();
        return (values, subjects);
    }

    /// <summary>Raw Cohen's d of <paramref name="stage"/> against the controls.</summary>
    public double Raw(string modality, string region, ClinicalStage stage) =>
        Stats.CohensD(Values(modality, region, s => s.Stage == stage).Values, Values(modality, region, s => s.Stage == ClinicalStage.Control).Values);

    /// <summary>
    /// Cohen's d after removing age and sex: y − (a_sex + b·age), with a per-sex intercept and one age slope fitted by
    /// least squares on the controls (the normative model's covariates), applied to every subject.
    /// </summary>
    public double Adjusted(string modality, string region, ClinicalStage stage)
    {
        var (controls, controlSubjects) = Values(modality, region, s => s.Stage == ClinicalStage.Control);
        var (group, groupSubjects) = Values(modality, region, s => s.Stage == stage);
        var fit = AgeSexFit.Of(controlSubjects, controls);
        return Stats.CohensD(fit.Residuals(groupSubjects, group), fit.Residuals(controlSubjects, controls));
    }

    /// <summary>Mean of the single-region adjusted d over <paramref name="regions"/> (e.g. a left/right pair).</summary>
    public double Adjusted(string modality, IEnumerable<string> regions, ClinicalStage stage) => regions.Average(r => Adjusted(modality, r, stage));

    /// <summary>Mean of the single-region raw d over <paramref name="regions"/>.</summary>
    public double Raw(string modality, IEnumerable<string> regions, ClinicalStage stage) => regions.Average(r => Raw(modality, r, stage));

    /// <summary>Left and right cortical ids of a Desikan–Killiany structure, or the Left-/Right- aseg ids.</summary>
    public static string[] Pair(string structure) => char.IsUpper(structure[0])
        ? [$"Left-{structure}", $"Right-{structure}"]
        : [$"lh_{structure}", $"rh_{structure}"];

    /// <summary>Least-squares y = a_sex + b·age (ANCOVA with a sex intercept).</summary>
    private sealed record AgeSexFit(double Slope, double FemaleIntercept, double MaleIntercept)
    {
        public static AgeSexFit Of(IReadOnlyList<Subject> subjects, IReadOnlyList<double> y)
        {
            // Pooled within-sex slope, then each sex's intercept through its means.
            var bySex = Enum.GetValues<Sex>().ToDictionary(sex => sex, sex => Enumerable.Range(0, y.Count).Where(i => subjects[i].Sex == sex).ToArray());
            double sxy = 0, sxx = 0;
            var means = new Dictionary<Sex, (double Age, double Y)>();
            foreach (var (sex, rows) in bySex)
            {
                double ma = rows.Average(i => subjects[i].Age), my = rows.Average(i => y[i]);
                means[sex] = (ma, my);
                foreach (int i in rows)
                {
                    sxy += (subjects[i].Age - ma) * (y[i] - my);
                    sxx += (subjects[i].Age - ma) * (subjects[i].Age - ma);
                }
            }
            double b = sxy / sxx;
            return new AgeSexFit(b, means[Sex.Female].Y - b * means[Sex.Female].Age, means[Sex.Male].Y - b * means[Sex.Male].Age);
        }

        public double[] Residuals(IReadOnlyList<Subject> subjects, IReadOnlyList<double> y) =>
            Enumerable.Range(0, y.Count).Select(i => y[i] - (subjects[i].Sex == Sex.Female ? FemaleIntercept : MaleIntercept) - Slope * subjects[i].Age).ToArray();
    }
}
