using System.Diagnostics;
using System.Text.Json;

namespace Normative.Tests.TestData;

/// <summary>
/// Validates JSON files against the schemas in data-schemas/ with an off-the-shelf validator: Python's
/// jsonschema (Debian package python3-jsonschema, Draft 2020-12), so the schemas are checked by code we did
/// not write. Every check of one call runs in one Python process.
/// </summary>
internal static class JsonSchemaValidator
{
    /// <summary>Validate <paramref name="Instance"/> against <paramref name="Schema"/>, or only against its <c>$defs/</c><paramref name="Definition"/> when given.</summary>
    public sealed record Check(string Instance, string Schema, string? Definition = null);

    /// <summary>The repository's data-schemas/ folder, found above the test output folder.</summary>
    public static string SchemaFolder
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

    // Reads the checks as JSON from stdin and prints one list of error messages per check.
    // A definition is checked by adding "$ref": "#/$defs/<name>" to the root schema without its oneOf, so
    // references inside the definition still resolve and the messages name the failing property.
    private const string Script = """
        import json, sys
        try:
            import jsonschema
        except ImportError:
            print("MISSING-VALIDATOR"); sys.exit(3)
        results = []
        for check in json.load(sys.stdin):
            schema = json.load(open(check["schema"]))
            jsonschema.Draft202012Validator.check_schema(schema)
            if check.get("definition"):
                name = check["definition"]
                if name not in schema.get("$defs", {}):
                    results.append([f"the schema has no definition '{name}'"]); continue
                schema = {k: v for k, v in schema.items() if k != "oneOf"}
                schema["$ref"] = "#/$defs/" + name
            instance = json.load(open(check["instance"]))
            results.append([f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message[:300]}"
                            for e in jsonschema.Draft202012Validator(schema).iter_errors(instance)])
        print(json.dumps(results))
        """;

    /// <summary>The error messages of each check, in order; an empty list means valid.</summary>
    public static IReadOnlyList<string[]> Validate(IReadOnlyList<Check> checks)
    {
        // python3 on PATH may be a pyenv interpreter without the module; Debian's has python3-jsonschema.
        string python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("python3 is not installed; the schema check needs python3 with the Debian package python3-jsonschema (run environment/setup-debian.sh).");
        }
        using (process)
        {
            var request = checks.Select(c => new { instance = c.Instance, schema = c.Schema, definition = c.Definition });
            process.StandardInput.Write(JsonSerializer.Serialize(request));
            process.StandardInput.Close();
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (stdout.Contains("MISSING-VALIDATOR"))
                throw new InvalidOperationException($"The Python module jsonschema is missing for {python}; install the Debian package python3-jsonschema (environment/setup-debian.sh).");
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"The schema validator failed (exit {process.ExitCode}): {stdout}{stderr.Result}");
            var results = JsonSerializer.Deserialize<string[][]>(stdout)
                ?? throw new InvalidOperationException("The schema validator printed no result.");
            if (results.Length != checks.Count)
                throw new InvalidOperationException($"The schema validator answered {results.Length} of {checks.Count} checks.");
            return results;
        }
    }
}
