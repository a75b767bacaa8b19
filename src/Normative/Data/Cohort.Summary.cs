using MathNet.Numerics.Statistics;
using Microsoft.Data.Analysis;

namespace Normative.Data;

public sealed partial class Cohort
{
    /// <summary>
    /// The cohort's demographics table (the paper's §4.1 group sizes): one row per split and clinical stage in the
    /// order training controls, held-out controls, then the patient stages by severity, with the number of subjects,
    /// age (mean and sd), the share of women, ADAS13 (mean and how many have it) and how many have each modality.
    /// </summary>
    /// <remarks>Sample sd (n - 1); NaN where a group has fewer than two values. Groups with no subject are left out.</remarks>
    public DataFrame Summary()
    {
        var groups = Subjects.Select((s, i) => (Subject: s, Row: i))
            .GroupBy(x => (x.Subject.Split, x.Subject.Stage))
            .OrderBy(g => g.Key.Split).ThenBy(g => g.Key.Stage)
            .Select(g => (g.Key.Split, g.Key.Stage, Members: g.ToArray()))
            .ToArray();
        var columns = new List<DataFrameColumn>
        {
            new StringDataFrameColumn("split", groups.Select(g => SubjectColumns.Format(g.Split))),
            new StringDataFrameColumn("stage", groups.Select(g => Synthetic.SyntheticGroundTruth.FormatStage(g.Stage))),
            new Int32DataFrameColumn("n", groups.Select(g => g.Members.Length)),
            new DoubleDataFrameColumn("age_mean", groups.Select(g => Math.Round(g.Members.Average(x => x.Subject.Age), 1))),
            new DoubleDataFrameColumn("age_sd", groups.Select(g => Math.Round(g.Members.Select(x => x.Subject.Age).StandardDeviation(), 1))),
            new DoubleDataFrameColumn("female_pct", groups.Select(g => Math.Round(100.0 * g.Members.Count(x => x.Subject.Sex == Sex.Female) / g.Members.Length, 1))),
            new DoubleDataFrameColumn("adas13_mean", groups.Select(g => g.Members.Any(x => x.Subject.Adas13 is not null)
                ? Math.Round(g.Members.Where(x => x.Subject.Adas13 is not null).Average(x => x.Subject.Adas13!.Value), 1) : double.NaN)),
            new Int32DataFrameColumn("adas13_n", groups.Select(g => g.Members.Count(x => x.Subject.Adas13 is not null))),
        };
        foreach (var table in Modalities)
            columns.Add(new Int32DataFrameColumn($"{table.Name}_n", groups.Select(g => g.Members.Count(x => table.IsObserved(x.Row)))));
        return new DataFrame(columns);
    }
}
