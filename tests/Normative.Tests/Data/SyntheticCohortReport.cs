using System.Diagnostics;
using Normative.Data;
using Normative.Data.Synthetic;
using Xunit.Abstractions;

namespace Normative.Tests.Data;

public sealed class SyntheticCohortReport(ITestOutputHelper output)
{
    [Fact]
    public void Print()
    {
        var sw = Stopwatch.StartNew();
        var s = SyntheticCohortGenerator.Generate(new SyntheticCohortOptions());
        output.WriteLine($"generate {sw.ElapsedMilliseconds} ms");
        sw.Restart();
        SyntheticCohortGenerator.Generate(new SyntheticCohortOptions { Seed = 7 });
        output.WriteLine($"generate again {sw.ElapsedMilliseconds} ms");
        var c = s.Cohort;
        var control = c.Rows(x => x.Stage == ClinicalStage.Control);
        foreach (var mod in c.Modalities)
        {
            foreach (var region in new[] { "Left-Hippocampus", "lh_entorhinal", "lh_precuneus", "lh_posteriorcingulate", "lh_pericalcarine", "lh_precentral", "Brain-Stem", "Left-choroid-plexus" })
            {
                int j = mod.Regions.IndexOf(region);
                double V(int i) => mod.Entry.DividesByIcv ? mod.Row(i)![j] / c.Subjects[i].IcvMm3 : mod.Row(i)![j];
                var line = $"{mod.Name,-8} {region,-24} ctrl {Stats.Mean(control.Select(i => mod.Row(i)![j]).ToArray()),10:F4}";
                foreach (var st in new[] { ClinicalStage.Preclinical, ClinicalStage.Cdr05, ClinicalStage.Cdr1Plus })
                {
                    var g = c.Rows(x => x.Stage == st);
                    line += $"  {st}: raw d {Stats.CohensD(g.Select(i => mod.Row(i)![j]).ToArray(), control.Select(i => mod.Row(i)![j]).ToArray()),6:F2} icv d {Stats.CohensD(g.Select(V).ToArray(), control.Select(V).ToArray()),6:F2}";
                }
                output.WriteLine(line);
            }
        }
        foreach (var st in Enum.GetValues<ClinicalStage>())
        {
            var g = c.Rows(x => x.Stage == st);
            var adas = g.Select(i => c.Subjects[i].Adas13).Where(a => a != null).Select(a => a!.Value).ToArray();
            var summ = g.Select(i => s.GroundTruth.Subjects[i].SummarySuvr).ToArray();
            output.WriteLine($"{st}: n {g.Count} age {Stats.Mean(g.Select(i => c.Subjects[i].Age).ToArray()):F1} adas {Stats.Mean(adas):F1}±{Stats.Sd(adas):F1} summary {Stats.Mean(summ):F3}±{Stats.Sd(summ):F3} min {summ.Min():F3} max {summ.Max():F3}");
        }
    }
}
