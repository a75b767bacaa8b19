using System.Diagnostics;
using System.Text.Json;
using Normative.Data;

namespace Normative.Tests.Data;

/// <summary>
/// The files the package writes validate against data-schemas/ with an off-the-shelf validator (Python's
/// jsonschema, Debian package python3-jsonschema), and the Frictionless table schemas agree with the loader.
/// </summary>
public sealed class SchemaTests
{
    private static string SchemaFolder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "data-schemas");
                if (Directory.Exists(candidate)) return candidate;
            }
            throw new DirectoryNotFoundException("data-schemas/ not found above the test output folder.");
        }
    }

    private const string Validator = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            print("MISSING-VALIDATOR"); sys.exit(3)
        failures = 0
        for instance, schema_path in zip(sys.argv[1::2], sys.argv[2::2]):
            schema = json.load(open(schema_path))
            jsonschema.Draft202012Validator.check_schema(schema)
            for error in jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(instance))):
                failures += 1
                print(f"{instance}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
        sys.exit(1 if failures else 0)
        """;

    [Fact]
    public void WrittenJsonFilesValidateAgainstTheJsonSchemas()
    {
        using var fixture = new CohortFixture(seed: 9);
        string s = SchemaFolder;
        var pairs = new[]
        {
            (fixture.PathOf("cohort.json"), Path.Combine(s, "cohort-manifest.schema.json")),
            (fixture.PathOf("synthetic-cohort-parameters.json"), Path.Combine(s, "synthetic-cohort-parameters.schema.json")),
            (Path.Combine(s, "synthetic-cohort-parameters.json"), Path.Combine(s, "synthetic-cohort-parameters.schema.json")),
            (Path.Combine(s, "adni-column-mapping.json"), Path.Combine(s, "adni-column-mapping.schema.json")),
        };
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Validator);
        foreach (var (instance, schema) in pairs)
        {
            start.ArgumentList.Add(instance);
            start.ArgumentList.Add(schema);
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail("python3 is not installed; the schema check needs python3 with the Debian package python3-jsonschema (run environment/setup-debian.sh).");
            return;
        }
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.False(output.Contains("MISSING-VALIDATOR"), "The Python module jsonschema is missing; install the Debian package python3-jsonschema (environment/setup-debian.sh).");
        Assert.True(process.ExitCode == 0, output);
    }

    [Fact]
    public void SubjectsTableSchemaAgreesWithTheLoader()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(SchemaFolder, "subjects.table-schema.json")));
        var fields = doc.RootElement.GetProperty("fields").EnumerateArray().ToArray();
        Assert.Equal(SubjectColumns.All, fields.Select(f => f.GetProperty("name").GetString()!).ToArray());
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
