using System.Text.Json;
using Normative.Data;
using Normative.Tests.TestData;

namespace Normative.Tests.Data;

/// <summary>
/// The files the package writes validate against data-schemas/ with an off-the-shelf validator
/// (JsonSchema.Net, Draft 2020-12, in process), and the Frictionless table schemas agree with the loader.
/// </summary>
public sealed class SchemaTests
{
    private static string SchemaFolder => JsonSchemaValidator.SchemaFolder;

    [Fact]
    public void WrittenJsonFilesValidateAgainstTheJsonSchemas()
    {
        using var fixture = new CohortFixture(seed: 9);
        string s = SchemaFolder;
        var checks = new JsonSchemaValidator.Check[]
        {
            new(fixture.PathOf("cohort.json"), Path.Combine(s, "cohort-manifest.schema.json")),
            new(fixture.PathOf("synthetic-cohort-parameters.json"), Path.Combine(s, "synthetic-cohort-parameters.schema.json")),
            new(Path.Combine(s, "synthetic-cohort-parameters.json"), Path.Combine(s, "synthetic-cohort-parameters.schema.json")),
            new(Path.Combine(s, "adni-column-mapping.json"), Path.Combine(s, "adni-column-mapping.schema.json")),
            new(Path.Combine(s, "two-study-parameters.json"), Path.Combine(s, "two-study-parameters.schema.json")),
        };
        var failures = checks.Zip(JsonSchemaValidator.Validate(checks))
            .SelectMany(p => p.Second.Select(e => $"{p.First.Instance}: {e}")).ToArray();
        Assert.True(failures.Length == 0, string.Join("\n", failures));
    }

    [Fact]
    public void SubjectsTableSchemaAgreesWithTheLoader()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(SchemaFolder, "subjects.table-schema.json")));
        var fields = doc.RootElement.GetProperty("fields").EnumerateArray().ToArray();
        Assert.Equal([.. SubjectColumns.All, SubjectColumns.Site], fields.Select(f => f.GetProperty("name").GetString()!).ToArray());
        string[] Enum(string name) => fields.Single(f => f.GetProperty("name").GetString() == name)
            .GetProperty("constraints").GetProperty("enum").EnumerateArray().Select(e => e.ToString()).ToArray();
        Assert.All(Enum("split"), v => Assert.True(SubjectColumns.TryParseSplit(v, out _)));
        Assert.All(Enum("group"), v => Assert.True(SubjectColumns.TryParseGroup(v, out _)));
        Assert.All(Enum("sex"), v => Assert.True(SubjectColumns.TryParseSex(v, out _)));
        Assert.Equal(Subject.CdrValues, Enum("cdr").Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray());
    }

    [Fact]
    public void ModalityTableSchemaListsTheDefaultRegionSet()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(SchemaFolder, "modality.table-schema.json")));
        var names = doc.RootElement.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(RegionCatalogue.Default.Set(RegionSet.Mmsivae).Ids.Prepend("subject_id"), names);
    }
}
