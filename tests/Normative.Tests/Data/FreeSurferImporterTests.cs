using System.Globalization;
using System.Text;
using Normative.Cli;
using Normative.Data;
using Normative.Data.Import;
using Normative.Data.Synthetic;

namespace Normative.Tests.Data;

/// <summary>
/// <c>cohort import-freesurfer</c> on stats files written here in FreeSurfer 7's layout (mri_segstats' aseg.stats,
/// mris_anatomical_stats' ?h.aparc.stats; asegstats2table / aparcstats2table tables) from a synthetic cohort —
/// never real subject data.
/// </summary>
public sealed class FreeSurferImporterTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "normative-tests", "freesurfer-" + Guid.NewGuid().ToString("N"));
    private readonly SyntheticCohort _source = SyntheticCohortGenerator.Generate(new SyntheticCohortOptions { Seed = 4, Sizes = new CohortSizes(12, 3, 3, 3, 3) });
    private static readonly string[] Unmapped = ["Left-Lateral-Ventricle", "Left-Cerebellum-Cortex", "3rd-Ventricle", "CSF", "WM-hypointensities"];

    public FreeSurferImporterTests()
    {
        Directory.CreateDirectory(_folder);
        var cohort = _source.Cohort;
        // The package-format subjects table, with the first subject's icv left empty (to be taken from eTIV).
        var lines = File.ReadAllLines(WriteCohort()).ToList();
        File.WriteAllLines(PathOf("subjects.csv"), lines);
        var cells = lines[1].Split(',');
        cells[7] = "";
        lines[1] = string.Join(',', cells);
        File.WriteAllLines(PathOf("subjects.csv"), lines);
        foreach (var s in cohort.Subjects) WriteStats(s);
    }

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string WriteCohort()
    {
        CohortWriter.Write(_source.Cohort, PathOf("source"));
        File.Copy(Path.Combine(PathOf("source"), "amyloid.csv"), PathOf("amyloid.csv"));
        return Path.Combine(PathOf("source"), "subjects.csv");
    }

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The volumes as FreeSurfer writes them: aseg Volume_mm3 with one decimal, aparc GrayVol as an integer.</summary>
    private static double Written(string region, double volume) =>
        region.StartsWith("lh_", StringComparison.Ordinal) || region.StartsWith("rh_", StringComparison.Ordinal) ? Math.Round(volume) : double.Parse(F(volume, "F1"), CultureInfo.InvariantCulture);

    private double Etiv(Subject s) => Math.Round(s.IcvMm3!.Value * 1.01, 6);

    private void WriteStats(Subject s)
    {
        var cohort = _source.Cohort;
        var mri = cohort.Modality("mri");
        var row = mri.Row(cohort.IndexOf(s.Id))!;
        string stats = Path.Combine(_folder, "subjects", s.Id, "stats");
        Directory.CreateDirectory(stats);

        var aseg = new StringBuilder();
        aseg.Append("# Title Segmentation Statistics \n# \n# generating_program mri_segstats\n# cvs_version 7.4.1\n")
            .Append($"# cmdline mri_segstats --seed 1234 --seg mri/aseg.mgz --sum stats/aseg.stats --pv mri/norm.mgz --empty --brainmask mri/brainmask.mgz --brain-vol-from-seg --excludeid 0 --excl-ctxgmwm --supratent --subcortgray --in mri/norm.mgz --in-intensity-name norm --in-intensity-units MR --etiv --surf-wm-vol --surf-ctx-vol --totalgray --euler --ctab /usr/local/freesurfer/ASegStatsLUT.txt --subject {s.Id} \n")
            .Append("# sysname  Linux\n# hostname fixture\n# machine  x86_64\n# user     fixture\n# anatomy_type volume\n# \n# SUBJECTS_DIR /data/subjects\n")
            .Append($"# subjectname {s.Id}\n")
            .Append("# Measure BrainSeg, BrainSegVol, Brain Segmentation Volume, 1150000.000000, mm^3\n")
            .Append("# Measure BrainSegNotVent, BrainSegVolNotVent, Brain Segmentation Volume Without Ventricles, 1130000.000000, mm^3\n")
            .Append("# Measure VentricleChoroidVol, VentricleChoroidVol, Volume of ventricles and choroid plexus, 20000.000000, mm^3\n")
            .Append("# Measure lhCortex, lhCortexVol, Left hemisphere cortical gray matter volume, 240000.000000, mm^3\n")
            .Append("# Measure SubCortGray, SubCortGrayVol, Subcortical gray matter volume, 58000.000000, mm^3\n")
            .Append("# Measure SupraTentorial, SupraTentorialVol, Supratentorial volume, 1000000.000000, mm^3\n")
            .Append("# Measure Mask, MaskVol, Mask Volume, 1600000.000000, mm^3\n")
            .Append($"# Measure EstimatedTotalIntraCranialVol, eTIV, Estimated Total Intracranial Volume, {F(Etiv(s), "F6")}, mm^3\n")
            .Append("# SegVolFile mri/aseg.mgz \n# ColorTable /usr/local/freesurfer/ASegStatsLUT.txt \n# InVolFile  mri/norm.mgz \n# PVVolFile  mri/norm.mgz \n")
            .Append("# Excluding Cortical Gray and White Matter\n# ExcludeSegId 0 2 3 41 42 \n# VoxelVolume_mm3 1 \n")
            .Append("# TableCol  1 ColHeader Index \n# TableCol  1 FieldName Index \n# TableCol  1 Units     NA \n");
        var asegRows = mri.Regions.Regions.Select((r, j) => (r.Id, r.FreeSurferLutId, Volume: row[j]))
            .Where(x => !x.Id.StartsWith("lh_", StringComparison.Ordinal) && !x.Id.StartsWith("rh_", StringComparison.Ordinal))
            .Concat(Unmapped.Select((u, k) => (Id: u, FreeSurferLutId: 4 + k, Volume: 1000.0 + 10 * k))).ToArray();
        aseg.Append(CultureInfo.InvariantCulture, $"# NRows {asegRows.Length} \n# NTableCols 10 \n")
            .Append("# ColHeaders  Index SegId NVoxels Volume_mm3 StructName normMean normStdDev normMin normMax normRange  \n");
        for (int k = 0; k < asegRows.Length; k++)
        {
            var (id, lut, volume) = asegRows[k];
            aseg.Append(CultureInfo.InvariantCulture, $"{k + 1,3} {lut,4} {(int)volume,8} {F(volume, "F1"),10}  {id,-32} {"80.1234",10} {"9.8765",10} {"40.0000",10} {"110.0000",10} {"70.0000",10} \n");
        }
        File.WriteAllText(Path.Combine(stats, "aseg.stats"), aseg.ToString());

        foreach (var hemi in new[] { "lh", "rh" })
        {
            var aparc = new StringBuilder();
            aparc.Append("# Table of FreeSurfer cortical parcellation anatomical statistics \n# \n# CreationTime 2024/01/01-00:00:00-GMT\n# generating_program mris_anatomical_stats\n")
                .Append("# cvs_version 7.4.1\n# mrisurf.c-cvs_version 7.4.1\n")
                .Append($"# cmdline mris_anatomical_stats -th3 -mgz -cortex ../label/{hemi}.cortex.label -f ../stats/{hemi}.aparc.stats -b -a ../label/{hemi}.aparc.annot -c ../label/aparc.annot.ctab {s.Id} {hemi} white \n")
                .Append("# sysname  Linux\n# hostname fixture\n# machine  x86_64\n# user     fixture\n# \n# SUBJECTS_DIR /data/subjects\n# anatomy_type surface\n")
                .Append($"# subjectname {s.Id}\n# hemi {hemi}\n# AnnotationFile ../label/{hemi}.aparc.annot\n")
                .Append("# Measure Cortex, NumVert, Number of Vertices, 130000, unitless\n# Measure Cortex, WhiteSurfArea, White Surface Total Area, 85000, mm^2\n")
                .Append("# Measure Cortex, MeanThickness, Mean Thickness, 2.45000, mm\n")
                .Append($"# Measure EstimatedTotalIntraCranialVol, eTIV, Estimated Total Intracranial Volume, {F(Etiv(s), "F6")}, mm^3\n")
                .Append("# NTableCols 10\n# TableCol  1 ColHeader StructName\n# TableCol  1 FieldName Structure Name\n# TableCol  1 Units     NA\n")
                .Append("# ColHeaders StructName NumVert SurfArea GrayVol ThickAvg ThickStd MeanCurv GausCurv FoldInd CurvInd\n")
                .Append("bankssts                                 1500    1000    2500  2.500 0.500 0.100 0.020   10  1.0\n");
            foreach (var (region, j) in mri.Regions.Regions.Select((r, j) => (r, j)).Where(x => x.r.Id.StartsWith(hemi + "_", StringComparison.Ordinal)))
                aparc.Append(CultureInfo.InvariantCulture, $"{region.Id[3..],-40} {3000,5} {2000,7} {(long)Math.Round(row[j]),7} {"2.500",6} {"0.600",5} {"0.120",7} {"0.030",7} {15,4} {"1.2",4}\n");
            File.WriteAllText(Path.Combine(stats, $"{hemi}.aparc.stats"), aparc.ToString());
        }
    }

    private FreeSurferImportResult ImportDirectory() =>
        FreeSurferImporter.Import(new FreeSurferSources(SubjectsDirectory: PathOf("subjects")), PathOf("subjects.csv"), PathOf("amyloid.csv"));

    private void AssertMatchesTheSource(Cohort imported)
    {
        var cohort = _source.Cohort;
        var regions = cohort.Modality("mri").Regions.Ids.ToArray();
        for (int i = 0; i < cohort.Subjects.Count; i++)
        {
            for (int j = 0; j < regions.Length; j++)
                Assert.Equal(Written(regions[j], cohort.Modality("mri").Row(i)![j]), imported.Modality("mri").Row(i)![j]);
            Assert.Equal(cohort.Modality("amyloid").Row(i), imported.Modality("amyloid").Row(i));
        }
        Assert.Equal(Etiv(cohort.Subjects[0]), imported.Subjects[0].IcvMm3);
        Assert.Equal(cohort.Subjects[1].IcvMm3, imported.Subjects[1].IcvMm3);
    }

    [Fact]
    public void ASubjectsDirectoryBecomesAValidCohort()
    {
        var result = ImportDirectory();
        AssertMatchesTheSource(result.Cohort);
        Assert.Contains(result.Notes, n => n.Contains("not in region set 'mmsivae'") && n.Contains("Left-Lateral-Ventricle") && n.Contains("lh.bankssts"));
        Assert.Contains(result.Notes, n => n.Contains("icv of 1 subject(s) taken from FreeSurfer's eTIV"));
        CohortWriter.Write(result.Cohort, PathOf("out"));
        Assert.Equal(_source.Cohort.Subjects.Count, CohortLoader.Load(PathOf("out")).Subjects.Count);
    }

    [Fact]
    public void Stats2TableOutputsGiveTheSameCohortAndFreeSurfer6ThalamusNamesAreRead()
    {
        var directory = ImportDirectory().Cohort;
        var cohort = _source.Cohort;
        var regions = cohort.Modality("mri").Regions.Regions;
        var aseg = regions.Where(r => !r.Id.StartsWith("lh_", StringComparison.Ordinal) && !r.Id.StartsWith("rh_", StringComparison.Ordinal)).ToArray();
        var text = new StringBuilder("Measure:volume\t" + string.Join('\t', aseg.Select(r => r.Id.Replace("Thalamus", "Thalamus-Proper", StringComparison.Ordinal))) + "\tEstimatedTotalIntraCranialVol\n");
        foreach (var s in cohort.Subjects)
        {
            var row = cohort.Modality("mri").Row(cohort.IndexOf(s.Id))!;
            text.Append(s.Id).Append('\t').AppendJoin('\t', aseg.Select(r => F(row[regions.ToList().IndexOf(r)], "F1"))).Append('\t').Append(F(Etiv(s), "F6")).Append('\n');
        }
        File.WriteAllText(PathOf("aseg.tsv"), text.ToString());
        foreach (var hemi in new[] { "lh", "rh" })
        {
            var cortex = regions.Where(r => r.Id.StartsWith(hemi + "_", StringComparison.Ordinal)).ToArray();
            var t = new StringBuilder($"{hemi}.aparc.volume\t{hemi}_bankssts_volume\t" + string.Join('\t', cortex.Select(r => r.Id + "_volume")) + "\tBrainSegVolNotVent\teTIV\n");
            foreach (var s in cohort.Subjects)
            {
                var row = cohort.Modality("mri").Row(cohort.IndexOf(s.Id))!;
                t.Append(s.Id).Append("\t2500\t").AppendJoin('\t', cortex.Select(r => F(Math.Round(row[regions.ToList().IndexOf(r)]), "F0"))).Append("\t1130000\t").Append(F(Etiv(s), "F6")).Append('\n');
            }
            File.WriteAllText(PathOf($"{hemi}.aparc.tsv"), t.ToString());
        }
        var result = FreeSurferImporter.Import(new FreeSurferSources(AsegTable: PathOf("aseg.tsv"), AparcTables: [PathOf("lh.aparc.tsv"), PathOf("rh.aparc.tsv")]),
            PathOf("subjects.csv"), PathOf("amyloid.csv"));
        AssertMatchesTheSource(result.Cohort);
        Assert.Equal(directory.Subjects, result.Cohort.Subjects);
        Assert.Contains(result.Notes, n => n.Contains("Thalamus-Proper"));
    }

    [Fact]
    public void AMissingRegionNamesTheFileAndRegion()
    {
        string id = _source.Cohort.Subjects[2].Id;
        string path = Path.Combine(PathOf("subjects"), id, "stats", "aseg.stats");
        File.WriteAllLines(path, File.ReadAllLines(path).Where(l => !l.Contains(" Left-Hippocampus ", StringComparison.Ordinal)));
        var error = Assert.Throws<CohortFormatException>(ImportDirectory);
        Assert.Equal(path, error.First.File);
        Assert.Equal("Left-Hippocampus", error.First.Column);
        Assert.Contains($"subject '{id}' has no volume for region 'Left-Hippocampus'", error.First.Problem);
    }

    [Fact]
    public void AMalformedRowNamesFileLineAndColumn()
    {
        string path = Path.Combine(PathOf("subjects"), _source.Cohort.Subjects[0].Id, "stats", "rh.aparc.stats");
        var lines = File.ReadAllLines(path);
        int line = Array.FindIndex(lines, l => l.StartsWith("precuneus ", StringComparison.Ordinal));
        var cells = lines[line].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        cells[3] = "nan?";
        lines[line] = string.Join(' ', cells);
        File.WriteAllLines(path, lines);
        var error = Assert.Throws<CohortFormatException>(ImportDirectory);
        Assert.Equal((path, line + 1, "GrayVol"), (error.First.File, error.First.Row!.Value, error.First.Column!));
    }

    [Fact]
    public void AThicknessTableIsRefused()
    {
        File.WriteAllText(PathOf("aseg.tsv"), "Measure:volume\tLeft-Hippocampus\n");
        File.WriteAllText(PathOf("lh.tsv"), "lh.aparc.thickness\tlh_precuneus_thickness\n");
        File.WriteAllText(PathOf("rh.tsv"), "rh.aparc.volume\trh_precuneus_volume\n");
        var error = Assert.Throws<CohortFormatException>(() => FreeSurferImporter.Import(
            new FreeSurferSources(AsegTable: PathOf("aseg.tsv"), AparcTables: [PathOf("lh.tsv"), PathOf("rh.tsv")]), PathOf("subjects.csv"), null));
        Assert.Contains(error.Issues, i => i.File == PathOf("lh.tsv") && i.Problem.Contains("aparcstats2table --meas volume"));
    }

    [Fact]
    public void TheCommandWritesAValidatedCohort()
    {
        int exit = NormativeCommand.Build().Parse(["cohort", "import-freesurfer", "--subjects-dir", PathOf("subjects"), "--subjects", PathOf("subjects.csv"),
            "--amyloid", PathOf("amyloid.csv"), "--out", PathOf("cli")]).Invoke();
        Assert.Equal(0, exit);
        AssertMatchesTheSource(CohortLoader.Load(PathOf("cli")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
