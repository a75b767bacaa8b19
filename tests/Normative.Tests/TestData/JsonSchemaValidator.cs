using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Normative.Tests.TestData;

/// <summary>
/// Validates JSON files against the schemas in data-schemas/ with an off-the-shelf validator,
/// JsonSchema.Net (Draft 2020-12), in process: the schemas are checked by code we did not write,
/// and the data tests need nothing beyond .NET.
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

    /// <summary>The error messages of each check, in order (instance location: message); an empty list means valid.</summary>
    /// <exception cref="InvalidOperationException">A schema is not itself a valid Draft 2020-12 schema.</exception>
    public static IReadOnlyList<string[]> Validate(IReadOnlyList<Check> checks) => [.. checks.Select(ValidateOne)];

    private static string[] ValidateOne(Check check)
    {
        var schemaText = File.ReadAllText(check.Schema);
        using (var schemaDocument = JsonDocument.Parse(schemaText))
        {
            var meta = MetaSchemas.Draft202012.Evaluate(schemaDocument.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!meta.IsValid)
                throw new InvalidOperationException($"{check.Schema} is not a valid Draft 2020-12 schema: {string.Join("; ", Messages(meta))}");
        }

        var root = JsonNode.Parse(schemaText)!.AsObject();
        if (check.Definition is { } name)
        {
            // Validate against one definition: the root schema without its oneOf plus "$ref": "#/$defs/<name>",
            // so references inside the definition still resolve and the messages name the failing property.
            if (root["$defs"] is not JsonObject definitions || !definitions.ContainsKey(name))
                return [$"the schema has no definition '{name}'"];
            root.Remove("oneOf");
            root["$ref"] = "#/$defs/" + name;
        }

        // A fresh registry and base URI per build: the schemas' relative $id would otherwise be registered twice.
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var baseUri = new Uri($"urn:normative-test:{Guid.NewGuid():N}:{Path.GetFileName(check.Schema)}");
        var schema = JsonSchema.Build(JsonSerializer.SerializeToElement(root), options, baseUri);
        using var instance = JsonDocument.Parse(File.ReadAllText(check.Instance));
        var results = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid ? [] : Messages(results);
    }

    /// <summary>"location: message" for every error of a List-format result, the location as a slash path or (root).</summary>
    private static string[] Messages(EvaluationResults results) =>
        [.. new[] { results }.Concat(results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{Location(d.InstanceLocation.ToString())}: {Truncate(e.Value)}"))
            .Distinct()];

    private static string Location(string pointer) => pointer.Length <= 1 ? "(root)" : pointer.TrimStart('/');

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300];
}
