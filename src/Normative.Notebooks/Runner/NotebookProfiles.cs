using System.Text.Json;
using System.Text.Json.Nodes;

namespace Normative.Notebooks.Runner;

/// <summary>
/// Named sets of parameter overrides for a folder of notebooks (<c>profiles.json</c> next to them;
/// schema <c>data-schemas/notebook-profiles.schema.json</c>). One file says what "small" means for
/// every notebook, so the tests, <c>notebook run --profile</c> and the committed executed copies
/// cannot drift apart. A notebook takes only the names its parameters cell declares: the data
/// notebook has no latent sizes, and injecting one would only warn.
/// </summary>
public sealed class NotebookProfiles
{
    /// <summary>The file name looked up next to the notebooks.</summary>
    public const string FileName = "profiles.json";

    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> profiles;

    private NotebookProfiles(string path, Dictionary<string, IReadOnlyDictionary<string, string>> profiles)
    {
        Path = path;
        this.profiles = profiles;
    }

    /// <summary>The file the profiles were read from.</summary>
    public string Path { get; }

    /// <summary>The profiles' names, in file order.</summary>
    public IReadOnlyList<string> Names => [.. profiles.Keys];

    /// <summary>Reads <c>profiles.json</c> from <paramref name="folder"/>.</summary>
    /// <exception cref="FileNotFoundException">The folder has no profiles file.</exception>
    /// <exception cref="InvalidDataException">The file is not of the documented shape; the message names the file and the entry.</exception>
    public static NotebookProfiles Load(string folder)
    {
        var path = System.IO.Path.Combine(folder, FileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"No notebook profiles file: {path} does not exist.", path);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
        if (root?["profiles"] is not JsonObject named || named.Count == 0)
            throw new InvalidDataException($"{path}: expected an object with a non-empty \"profiles\" object.");
        var profiles = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (name, node) in named)
        {
            if (node is not JsonObject values)
                throw new InvalidDataException($"{path}: profile \"{name}\" must be an object of Name: \"value\" pairs.");
            var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (parameter, value) in values)
            {
                if (value is not JsonValue text || !text.TryGetValue(out string? literal))
                    throw new InvalidDataException($"{path}: profile \"{name}\", parameter \"{parameter}\": the value must be a string holding the C# literal, e.g. \"[5, 15]\".");
                parameters[parameter] = literal;
            }
            profiles[name] = parameters;
        }
        return new NotebookProfiles(path, profiles);
    }

    /// <summary>All overrides of profile <paramref name="name"/>, whichever notebook declares them.</summary>
    /// <exception cref="ArgumentException">No such profile; the message lists the ones there are.</exception>
    public IReadOnlyDictionary<string, string> this[string name] =>
        profiles.TryGetValue(name, out var parameters) ? parameters
            : throw new ArgumentException($"{Path}: no profile \"{name}\"; the profiles are {string.Join(", ", profiles.Keys)}.", nameof(name));

    /// <summary>The overrides of profile <paramref name="name"/> that <paramref name="notebook"/>'s parameters cell declares.</summary>
    public IReadOnlyDictionary<string, string> For(NotebookDocument notebook, string name)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var parametersCell = notebook.Cells.FirstOrDefault(c => c.CellType == "code" && c.Tags.Contains(NotebookParameters.ParametersTag));
        var declared = parametersCell is null ? new Dictionary<string, string?>() : NotebookParameters.DeclaredTypes(parametersCell.Source);
        return this[name].Where(p => declared.ContainsKey(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }
}
