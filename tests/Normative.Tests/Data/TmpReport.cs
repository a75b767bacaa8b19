using System.Diagnostics;
using Normative.Data;
using Normative.Data.Synthetic;
using Xunit.Abstractions;

namespace Normative.Tests.Data;

public sealed class TmpReport(ITestOutputHelper output)
{
    [Fact]
    public void Print()
    {
        var sw = Stopwatch.StartNew();
        var s = SyntheticCohortGenerator.Generate(new SyntheticCohortOptions());
        output.WriteLine($"generate cold {sw.ElapsedMilliseconds} ms");
        sw.Restart(); s = SyntheticCohortGenerator.Generate(new SyntheticCohortOptions()); output.WriteLine($"generate warm {sw.ElapsedMilliseconds} ms");
        var dir = Path.Combine(Path.GetTempPath(), "tmpreport"); sw.Restart(); s.Write(dir); output.WriteLine($"write {sw.ElapsedMilliseconds} ms");
        sw.Restart(); CohortLoader.Load(dir); output.WriteLine($"load {sw.ElapsedMilliseconds} ms");
        var c = s.Cohort;
        var regions = RegionCatalogue.Default.Set("mmsivae");
        sw.Restart(); var run = new GeneratorRun(SyntheticCohortParameters.Default, regions, new SeededSampler(1), 0); output.WriteLine($"run ctor {sw.ElapsedMilliseconds} ms");
        sw.Restart(); for (int k = 0; k < 1000; k++) run.Subject("x", ClinicalStage.Control, Split.Train); output.WriteLine($"1000 controls {sw.ElapsedMilliseconds} ms");
        var hv = new HealthyVariationModel(SyntheticCohortParameters.Default, regions); var smp = new SeededSampler(3);
        sw.Restart(); for (int k = 0; k < 1000; k++) hv.Sample(smp); output.WriteLine($"1000 healthy samples {sw.ElapsedMilliseconds} ms");
        sw.Restart(); for (int k = 0; k < 5; k++) SyntheticCohortGenerator.Generate(new SyntheticCohortOptions { Seed = k, Sizes = new CohortSizes(2, 1, 1, 1, 1) }); output.WriteLine($"5 tiny {sw.ElapsedMilliseconds} ms");
        bool Ctrl(Subject x) => x.Stage == ClinicalStage.Control;
        foreach (var mod in c.Modalities)
        {
            foreach (var region in new[] { "Left-Hippocampus", "Right-Hippocampus", "lh_entorhinal", "Left-Amygdala", "lh_inferiortemporal", "lh_precuneus", "lh_posteriorcingulate", "lh_medialorbitofrontal", "lh_superiorfrontal", "lh_pericalcarine", "lh_precentral", "Brain-Stem", "Left-choroid-plexus" })
            {
                int j = mod.Regions.IndexOf(region);
                var ctl = c.Rows(Ctrl).Select(i => mod.Row(i)![j]).ToArray();
                var line = $"| {mod.Name} | {region} |";
                foreach (var st in new[] { ClinicalStage.Preclinical, ClinicalStage.Cdr05, ClinicalStage.Cdr1Plus })
                    line += $" {Stats.CohensD(c.Rows(x => x.Stage == st).Select(i => mod.Row(i)![j]).ToArray(), ctl):F2} |";
                output.WriteLine(line);
            }
        }
        output.WriteLine("ICV-normalised MRI:");
        var mri = c.Modality("mri");
        foreach (var region in new[] { "Left-Hippocampus", "lh_entorhinal", "lh_precuneus" })
        {
            int j = mri.Regions.IndexOf(region);
            double[] V(Func<Subject, bool> f) => c.Rows(f).Select(i => mri.Row(i)![j] / c.Subjects[i].IcvMm3).ToArray();
            output.WriteLine($"{region}: " + string.Join(" ", new[] { ClinicalStage.Preclinical, ClinicalStage.Cdr05, ClinicalStage.Cdr1Plus }.Select(st => Stats.CohensD(V(x => x.Stage == st), V(Ctrl)).ToString("F2"))));
        }
        var state = CohortPreprocessor.Fit(c);
        var ctrlRows = c.Rows(Ctrl);
        double MeanZ(string m, int i, bool grey) { var z = state.Modality(m).Normalise(c.Modality(m).Row(i)!, c.Subjects[i].IcvMm3); return Enumerable.Range(0, z.Length).Where(j => !grey || mri.Regions.Regions[j].System != "csf").Average(j => z[j]); }
        output.WriteLine($"cross-modal r {Stats.Pearson(ctrlRows.Select(i => MeanZ("mri", i, true)).ToArray(), ctrlRows.Select(i => MeanZ("amyloid", i, false)).ToArray()):F3}");
        double R(string m, string a, string b) { var t = c.Modality(m); int ja = t.Regions.IndexOf(a), jb = t.Regions.IndexOf(b); return Stats.Pearson(ctrlRows.Select(i => t.Row(i)![ja] / (t.Entry.DividesByIcv ? c.Subjects[i].IcvMm3 : 1)).ToArray(), ctrlRows.Select(i => t.Row(i)![jb] / (t.Entry.DividesByIcv ? c.Subjects[i].IcvMm3 : 1)).ToArray()); }
        output.WriteLine($"mri hipp L/R {R("mri", "Left-Hippocampus", "Right-Hippocampus"):F2} mri precuneus-supfrontal {R("mri", "lh_precuneus", "lh_superiorfrontal"):F2} mri hipp-LV? amy precuneus-rh_superiortemporal {R("amyloid", "lh_precuneus", "rh_superiortemporal"):F2} amy L/R precuneus {R("amyloid", "lh_precuneus", "rh_precuneus"):F2}");
        foreach (var st in Enum.GetValues<ClinicalStage>())
        {
            var g = c.Rows(x => x.Stage == st);
            var adas = g.Select(i => c.Subjects[i].Adas13).Where(a => a != null).Select(a => a!.Value).ToArray();
            var summ = g.Select(i => s.GroundTruth.Subjects[i].SummarySuvr).ToArray();
            output.WriteLine($"{st}: n {g.Count} age {Stats.Mean(g.Select(i => c.Subjects[i].Age).ToArray()):F1} female {g.Count(i => c.Subjects[i].Sex == Sex.Female) / (double)g.Count:F2} adas {Stats.Mean(adas):F1}±{Stats.Sd(adas):F1} missing {g.Count - adas.Length} summary {Stats.Mean(summ):F3}±{Stats.Sd(summ):F3}");
        }
    }
}
