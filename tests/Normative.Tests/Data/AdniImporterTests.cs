using System.Globalization;
using Normative.Data;
using Normative.Data.Adni;
using Normative.Data.Synthetic;

namespace Normative.Tests.Data;

/// <summary>
/// The importer on small tables fabricated in the ADNI layouts of domain-notes §1 (ADNIMERGE, CDR.csv,
/// UCBERKELEYAV45, UCSFFSX6), filled with a tiny synthetic cohort so the expected values are known. No real data.
/// </summary>
public sealed class AdniImporterTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "normative-tests", "adni-" + Guid.NewGuid().ToString("N"));
    private readonly Cohort _source = SyntheticCohortGenerator.Generate(new SyntheticCohortOptions { Seed = 8, Sizes = new CohortSizes(10, 2, 3, 3, 3) }).Cohort;
    private readonly Dictionary<string, List<Dictionary<string, string>>> _tables = new();

    public AdniImporterTests()
    {
        Directory.CreateDirectory(_folder);
        var regions = RegionCatalogue.Default.Set(RegionSet.Mmsivae).Regions;
        var mri = _source.Modality("mri");
        var pet = _source.Modality("amyloid");
        for (int i = 0; i < _source.Subjects.Count; i++)
        {
            var s = _source.Subjects[i];
            string rid = Rid(i);
            string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
            Add("ADNIMERGE.csv", new()
            {
                ["RID"] = rid, ["PTID"] = $"002_S_{rid.PadLeft(4, '0')}", ["VISCODE"] = "bl", ["EXAMDATE"] = "2012-05-01",
                ["DX_bl"] = s.Group == SubjectGroup.Control ? "CN" : "LMCI", ["AGE"] = N(s.Age), ["PTGENDER"] = s.Sex == Sex.Female ? "Female" : "Male",
                ["ADAS13"] = s.Adas13 is double a ? N(a) : "", ["ICV"] = N(s.RequireIcv()),
            });
            // A follow-up visit that must be ignored.
            Add("ADNIMERGE.csv", new()
            {
                ["RID"] = rid, ["PTID"] = "x", ["VISCODE"] = "m12", ["EXAMDATE"] = "2013-05-01", ["DX_bl"] = "CN", ["AGE"] = "99", ["PTGENDER"] = "Male", ["ADAS13"] = "85", ["ICV"] = "1",
            });
            Add("CDR.csv", new() { ["RID"] = rid, ["VISCODE"] = "sc", ["VISCODE2"] = "sc", ["CDGLOBAL"] = N(s.Cdr) });
            var petRow = new Dictionary<string, string>
            {
                ["RID"] = rid, ["VISCODE"] = "bl", ["VISCODE2"] = "bl", ["EXAMDATE"] = "2012-05-02",
                ["SUMMARYSUVR_WHOLECEREBNORM"] = s.AmyloidPositive ? "1.3" : "1.0", ["SUMMARYSUVR_WHOLECEREBNORM_1.11CUTOFF"] = s.AmyloidPositive ? "1" : "0",
                ["WHOLECEREBELLUM_SUVR"] = "1", ["CTX_LH_BANKSSTS_SUVR"] = "1.05",
            };
            for (int j = 0; j < regions.Count; j++) petRow[regions[j].UcberkeleySuvrColumns[0]] = N(pet.Row(i)![j]);
            Add("UCBERKELEYAV45.csv", petRow);
            var mriRow = new Dictionary<string, string>
            {
                ["RID"] = rid, ["VISCODE"] = "scmri", ["VISCODE2"] = "sc", ["EXAMDATE"] = "2012-04-20", ["OVERALLQC"] = "Pass", ["ST10CV"] = N(s.RequireIcv()),
            };
            for (int j = 0; j < regions.Count; j++) mriRow[regions[j].UcsffsxVolumeColumn] = N(mri.Row(i)![j]);
            Add("UCSFFSX6.csv", mriRow);
        }
    }

    private static string Rid(int i) => (4001 + 3 * i).ToString(CultureInfo.InvariantCulture);

    private void Add(string table, Dictionary<string, string> row)
    {
        if (!_tables.TryGetValue(table, out var rows)) _tables[table] = rows = [];
        rows.Add(row);
    }

    private AdniImportOptions WriteTables()
    {
        foreach (var (name, rows) in _tables)
        {
            var header = rows[0].Keys.ToArray();
            File.WriteAllLines(Path.Combine(_folder, name),
                rows.Select(r => string.Join(',', header.Select(h => r[h]))).Prepend(string.Join(',', header)));
        }
        return new AdniImportOptions
        {
            ClinicalPath = Path.Combine(_folder, "ADNIMERGE.csv"), CdrPath = Path.Combine(_folder, "CDR.csv"),
            AmyloidPath = Path.Combine(_folder, "UCBERKELEYAV45.csv"), VolumesPath = Path.Combine(_folder, "UCSFFSX6.csv"),
        };
    }

    private Dictionary<string, string> Row(string table, int subject) =>
        _tables[table].Where(r => r["RID"] == Rid(subject)).First();

    [Fact]
    public void ImportReproducesTheSourceValues()
    {
        var result = AdniImporter.Import(WriteTables());
        Assert.Empty(result.Excluded);
        var cohort = result.Cohort;
        Assert.Equal(_source.Subjects.Count, cohort.Subjects.Count);
        for (int i = 0; i < _source.Subjects.Count; i++)
        {
            var original = _source.Subjects[i];
            int k = cohort.IndexOf(Rid(i));
            var imported = cohort.Subjects[k];
            Assert.Equal((original.Group, original.Cdr, original.AmyloidPositive, original.Age, original.Sex, original.IcvMm3, original.Adas13),
                (imported.Group, imported.Cdr, imported.AmyloidPositive, imported.Age, imported.Sex, imported.IcvMm3, imported.Adas13));
            Assert.Equal(_source.Modality("mri").Row(i), cohort.Modality("mri").Row(k));
            Assert.Equal(_source.Modality("amyloid").Row(i), cohort.Modality("amyloid").Row(k));
        }
        // 12 controls, hold-out fraction 48/296 -> round(1.95) = 2 held out.
        Assert.Equal(2, cohort.Subjects.Count(s => s.Split == Split.Holdout));
        Assert.Equal(10, cohort.Subjects.Count(s => s.Split == Split.Train));
        Assert.Contains(result.Notes, n => n.Contains("already whole-cerebellum-normalised"));
    }

    [Fact]
    public void WrittenImportLoadsAndListsExclusions()
    {
        Row("UCSFFSX6.csv", 5)["OVERALLQC"] = "Fail";
        var result = AdniImporter.Import(WriteTables());
        string output = Path.Combine(_folder, "cohort");
        result.Write(output);
        var loaded = CohortLoader.Load(output);
        Assert.Equal(_source.Subjects.Count - 1, loaded.Subjects.Count);
        var excluded = File.ReadAllLines(Path.Combine(output, AdniImportResult.ExcludedFileName));
        Assert.Equal(2, excluded.Length);
        Assert.StartsWith($"{Rid(5)},\"no usable baseline MRI volumes (missing row, failed QC", excluded[1]); // quoted: the reason has commas
    }

    [Fact]
    public void ExclusionsCarryTheirReasons()
    {
        int patient = _source.Subjects.Count - 1;       // CDR >= 1, A+
        Row("UCBERKELEYAV45.csv", patient)["SUMMARYSUVR_WHOLECEREBNORM_1.11CUTOFF"] = "0"; // now A- with CDR >= 1
        Row("UCBERKELEYAV45.csv", 3)["CTX_RH_PRECUNEUS_SUVR"] = "-4";                      // ADNI missing code
        Row("CDR.csv", 4)["CDGLOBAL"] = "-1";
        var result = AdniImporter.Import(WriteTables());
        var reasons = result.Excluded.ToDictionary(e => e.SubjectId, e => e.Reason);
        Assert.StartsWith("amyloid-negative with CDR", reasons[Rid(patient)]);
        Assert.Equal("missing regional SUVR values", reasons[Rid(3)]);
        Assert.Equal("no baseline CDR", reasons[Rid(4)]);
        Assert.Equal(_source.Subjects.Count - 3, result.Cohort.Subjects.Count);
    }

    [Fact]
    public void AllowMissingModalitiesKeepsTheSubjectUnobserved()
    {
        Row("UCBERKELEYAV45.csv", 13)["LEFT_HIPPOCAMPUS_SUVR"] = "";
        var result = AdniImporter.Import(WriteTables() with { AllowMissingModalities = true });
        var cohort = result.Cohort;
        Assert.Empty(result.Excluded);
        Assert.False(cohort.Modality("amyloid").IsObserved(cohort.IndexOf(Rid(13))));
        Assert.True(cohort.Manifest.Modalities[1].AllowMissing);
    }

    [Fact]
    public void UnnormalisedSuvrIsDividedByEachSubjectsReference()
    {
        foreach (var row in _tables["UCBERKELEYAV45.csv"])
        {
            row["WHOLECEREBELLUM_SUVR"] = "2";
            row["CTX_LH_PRECUNEUS_SUVR"] = (double.Parse(row["CTX_LH_PRECUNEUS_SUVR"], CultureInfo.InvariantCulture) * 2).ToString("R", CultureInfo.InvariantCulture);
        }
        var result = AdniImporter.Import(WriteTables());
        int j = RegionCatalogue.Default.Set(RegionSet.Mmsivae).IndexOf("lh_precuneus");
        Assert.Equal(_source.Modality("amyloid").Row(0)![j], result.Cohort.Modality("amyloid").Row(result.Cohort.IndexOf(Rid(0)))![j], 1e-12);
        Assert.Contains(result.Notes, n => n.Contains("divided"));
    }

    [Fact]
    public void SecondBaselineRowIsAnErrorNamingFileRowAndColumn()
    {
        Add("CDR.csv", new() { ["RID"] = Rid(2), ["VISCODE"] = "bl", ["VISCODE2"] = "bl", ["CDGLOBAL"] = "0" });
        var error = Assert.Throws<CohortFormatException>(() => AdniImporter.Import(WriteTables()));
        Assert.EndsWith("CDR.csv", error.First.File);
        Assert.Equal(_source.Subjects.Count + 2, error.First.Row);
        Assert.Equal("VISCODE2", error.First.Column);
    }

    [Fact]
    public void MissingRegionalColumnIsNamed()
    {
        foreach (var row in _tables["UCSFFSX6.csv"]) row.Remove("ST29SV");
        var error = Assert.Throws<CohortFormatException>(() => AdniImporter.Import(WriteTables()));
        Assert.EndsWith("UCSFFSX6.csv", error.First.File);
        Assert.Equal((1, "ST29SV"), (error.First.Row!.Value, error.First.Column!));
        Assert.Contains("Left-Hippocampus", error.Message);
    }

    [Fact]
    public void ThalamusAcceptsTheFreeSurfer7ColumnName()
    {
        foreach (var row in _tables["UCBERKELEYAV45.csv"])
        {
            row["LEFT_THALAMUS_SUVR"] = row["LEFT_THALAMUS_PROPER_SUVR"];
            row.Remove("LEFT_THALAMUS_PROPER_SUVR");
        }
        var result = AdniImporter.Import(WriteTables());
        Assert.Equal(_source.Subjects.Count, result.Cohort.Subjects.Count);
    }

    [Fact]
    public void UnknownSexCodeIsNamed()
    {
        _tables["ADNIMERGE.csv"][4]["PTGENDER"] = "unknown";
        var error = Assert.Throws<CohortFormatException>(() => AdniImporter.Import(WriteTables()));
        Assert.Equal((6, "PTGENDER"), (error.First.Row!.Value, error.First.Column!));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
