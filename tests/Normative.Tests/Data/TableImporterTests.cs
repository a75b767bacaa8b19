using System.Globalization;
using System.Text;
using Normative.Data;
using Normative.Data.Import;
using Normative.Data.Synthetic;

namespace Normative.Tests.Data;

/// <summary>
/// <c>cohort import-table</c>: a user's plain tables (own column names, own codes) become the same cohort; every
/// problem names the source file, row and column.
/// </summary>
public sealed class TableImporterTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "normative-tests", "import-table-" + Guid.NewGuid().ToString("N"));
    private readonly SyntheticCohort _source = SyntheticCohortGenerator.Generate(new SyntheticCohortOptions { Seed = 3, Sizes = new CohortSizes(20, 4, 4, 4, 4), AmyloidMissingFraction = 0.3 });

    private const string Mapping = """
        {
          "subjects": {
            "id": "participant",
            "age": "age_years",
            "sex": { "column": "gender", "values": { "female": "F", "male": "M" } },
            "group": { "column": "diagnosis", "values": { "CN": "control", "AD": "patient" } },
            "cdr": "CDR",
            "amyloid_positive": { "column": "amyloid", "values": { "pos": "true", "neg": "false" } },
            "split": "set",
            "icv": "eTIV",
            "adas13": "ADAS13"
          },
          "modalities": {
            "mri": { "unit": "mm3", "columns": { "Left-Hippocampus": "left_hippocampus_vol" }, "ignore_columns": ["scanner"] },
            "amyloid": { "unit": "suvr", "id": "RID", "allow_missing": true }
          }
        }
        """;

    public TableImporterTests()
    {
        Directory.CreateDirectory(_folder);
        var cohort = _source.Cohort;
        var subjects = new StringBuilder("participant,age_years,gender,diagnosis,CDR,amyloid,set,eTIV,ADAS13\n");
        foreach (var s in cohort.Subjects)
        {
            subjects.Append(CultureInfo.InvariantCulture, $"{s.Id},{N(s.Age)},{(s.Sex == Sex.Female ? "female" : "male")},{(s.Group == SubjectGroup.Control ? "CN" : "AD")},")
                .Append(CultureInfo.InvariantCulture, $"{N(s.Cdr)},{(s.AmyloidPositive ? "pos" : "neg")},{SubjectColumns.Format(s.Split)},{N(s.IcvMm3!.Value)},{(s.Adas13 is double a ? N(a) : "")}\n");
        }
        File.WriteAllText(PathOf("participants.csv"), subjects.ToString());
        WriteModality("mri", "participant", r => r == "Left-Hippocampus" ? "left_hippocampus_vol" : r, extra: "scanner", extraValue: "prisma");
        WriteModality("amyloid", "RID", r => r);
    }

    private static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private void WriteModality(string modality, string idColumn, Func<string, string> rename, string? extra = null, string? extraValue = null)
    {
        var table = _source.Cohort.Modality(modality);
        var text = new StringBuilder(string.Join(',', table.Regions.Ids.Select(rename).Prepend(idColumn).Concat(extra is null ? [] : [extra]))).Append('\n');
        for (int i = table.RowCount - 1; i >= 0; i--) // reversed: row order is free
        {
            if (table.Row(i) is not { } row) continue;
            text.Append(string.Join(',', row.Select(N).Prepend(_source.Cohort.Subjects[i].Id).Concat(extraValue is null ? [] : [extraValue]))).Append('\n');
        }
        File.WriteAllText(PathOf($"{modality}-table.csv"), text.ToString());
    }

    private Cohort Import(string mapping = Mapping)
    {
        File.WriteAllText(PathOf("mapping.json"), mapping);
        return TableImporter.Import(PathOf("participants.csv"), [("mri", PathOf("mri-table.csv")), ("amyloid", PathOf("amyloid-table.csv"))],
            TableMapping.Load(PathOf("mapping.json")), PathOf("mapping.json"), "mine");
    }

    [Fact]
    public void RenamedColumnsAndOwnCodesGiveBackTheSameCohort()
    {
        var imported = Import();
        CohortWriter.Write(imported, PathOf("out"));
        var loaded = CohortLoader.Load(PathOf("out"));
        Assert.Equal(_source.Cohort.Subjects, loaded.Subjects);
        foreach (var modality in new[] { "mri", "amyloid" })
            for (int i = 0; i < loaded.Subjects.Count; i++)
                Assert.Equal(_source.Cohort.Modality(modality).Row(i), loaded.Modality(modality).Row(i));
        Assert.True(loaded.Modality("amyloid").ObservedCount < loaded.Subjects.Count);
    }

    [Fact]
    public void WithoutASplitColumnControlsAreSplitBySeedAndPatientsAreTested()
    {
        var imported = Import(Mapping.Replace("\"split\": \"set\",", ""));
        var controls = imported.Subjects.Where(s => s.Group == SubjectGroup.Control).ToArray();
        Assert.Equal((int)Math.Round(48.0 / 296.0 * controls.Length), controls.Count(s => s.Split == Split.Holdout));
        Assert.All(imported.Subjects.Where(s => s.Group == SubjectGroup.Patient), s => Assert.Equal(Split.Test, s.Split));
        Assert.Equal(imported.Subjects.Select(s => s.Split), Import(Mapping.Replace("\"split\": \"set\",", "")).Subjects.Select(s => s.Split));
    }

    [Fact]
    public void AnUnlistedCodeIsNamedWithFileRowAndColumn()
    {
        var lines = File.ReadAllLines(PathOf("participants.csv"));
        lines[3] = lines[3].Replace(",CN,", ",HC,").Replace(",AD,", ",HC,");
        File.WriteAllLines(PathOf("participants.csv"), lines);
        var error = Assert.Throws<CohortFormatException>(() => Import());
        Assert.EndsWith("participants.csv", error.First.File);
        Assert.Equal((4, "diagnosis"), (error.First.Row!.Value, error.First.Column!));
        Assert.Contains("'HC' is not listed", error.First.Problem);
    }

    [Fact]
    public void MissingRegionAndUnmappedColumnsAreNamed()
    {
        var issues = Assert.Throws<CohortFormatException>(() => Import(Mapping.Replace("\"ignore_columns\": [\"scanner\"]", "\"ignore_columns\": []")
            .Replace("\"Left-Hippocampus\": \"left_hippocampus_vol\"", "\"Right-Hippocampus\": \"right_hippo\""))).Issues;
        Assert.Contains(issues, i => i.File.EndsWith("mri-table.csv", StringComparison.Ordinal) && i.Column == "right_hippo" && i.Problem.Contains("missing column for region 'Right-Hippocampus'"));
        Assert.Contains(issues, i => i.Column == "Left-Hippocampus" && i.Problem.Contains("missing column"));
        Assert.Contains(issues, i => i.Column == "scanner" && i.Problem.Contains("unmapped column"));
        Assert.Contains(issues, i => i.Column == "left_hippocampus_vol" && i.Problem.Contains("unmapped column"));
        Assert.All(issues, i => Assert.Equal(1, i.Row));
    }

    [Fact]
    public void ABadNumberAndAMissingModalityRowAreNamed()
    {
        var lines = File.ReadAllLines(PathOf("mri-table.csv")).ToList();
        var header = lines[0].Split(',');
        var cells = lines[2].Split(',');
        cells[Array.IndexOf(header, "lh_precuneus")] = "n/a";
        lines[2] = string.Join(',', cells);
        lines.RemoveAt(5);
        File.WriteAllLines(PathOf("mri-table.csv"), lines);
        var issues = Assert.Throws<CohortFormatException>(() => Import()).Issues;
        Assert.Contains(issues, i => i.Row == 3 && i.Column == "lh_precuneus" && i.Problem.Contains("not a number"));
        Assert.Contains(issues, i => i.Row is null && i.Column == "participant" && i.Problem.Contains("has no row here; set allow_missing"));
    }

    [Fact]
    public void IcvIsOptionalWhenNoModalityDividesByIt()
    {
        string mapping = Mapping.Replace("\"icv\": \"eTIV\",", "").Replace("\"unit\": \"mm3\",", "\"unit\": \"mm3\", \"normalise_by_icv\": false,");
        var imported = Import(mapping);
        Assert.All(imported.Subjects, s => Assert.Null(s.IcvMm3));
        var error = Assert.Throws<CohortFormatException>(() => Import(Mapping.Replace("\"icv\": \"eTIV\",", "")));
        Assert.Contains("no ICV column is mapped", error.First.Problem);
    }

    [Fact]
    public void TheShippedExampleMappingLoads()
    {
        var example = TableMapping.Load(Path.Combine(Normative.Tests.TestData.JsonSchemaValidator.SchemaFolder, "table-mapping.example.json"));
        Assert.Equal("participant_id", example.Subjects.Id.Column);
        Assert.Equal("control", example.Subjects.Group.Translate("CN"));
        Assert.Null(example.Subjects.Group.Translate("SMC"));
        Assert.True(example.Modalities["amyloid"].AllowMissing);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
