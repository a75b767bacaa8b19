using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Normative.Notebooks.Engine;

namespace Normative.Notebooks.Runner;

/// <summary>
/// A Jupyter notebook file (nbformat 4.5): read, edited and written in the layout nbformat itself
/// writes (keys sorted, one-space indent, multi-line text as lists of lines), so executed copies
/// diff cleanly and render on GitHub and in VS Code without a kernel.
/// </summary>
public sealed class NotebookDocument
{
    private NotebookDocument(JsonObject root, string label)
    {
        Root = root;
        Label = label;
    }

    /// <summary>The whole notebook as JSON.</summary>
    public JsonObject Root { get; }

    /// <summary>The file name used in messages.</summary>
    public string Label { get; }

    /// <summary>The cells in order.</summary>
    public IReadOnlyList<NotebookCell> Cells => [.. CellArray().Select(c => new NotebookCell(c as JsonObject ?? throw new InvalidDataException($"{Label}: a cell is not a JSON object.")))];

    /// <summary>Reads the notebook at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not an nbformat 4 notebook; the message names the file.</exception>
    public static NotebookDocument Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: notebook not found.", path);
        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>Reads a notebook from its JSON text; <paramref name="label"/> names it in messages.</summary>
    public static NotebookDocument Parse(string json, string label)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{label}: not valid JSON (line {error.LineNumber + 1}): {error.Message}", error);
        }
        if (node is not JsonObject root) throw new InvalidDataException($"{label}: a notebook must be a JSON object.");
        var format = root["nbformat"]?.GetValue<int>();
        if (format != 4) throw new InvalidDataException($"{label}: nbformat {format?.ToString() ?? "(missing)"} is not supported; convert it to nbformat 4 (jupyter nbconvert --to notebook).");
        if (root["cells"] is not JsonArray) throw new InvalidDataException($"{label}: the notebook has no \"cells\" list.");
        var document = new NotebookDocument(root, label);
        for (var i = 0; i < document.CellArray().Count; i++)
        {
            var cell = document.CellArray()[i] as JsonObject;
            if (cell?["cell_type"] is null || cell["source"] is null)
                throw new InvalidDataException($"{label}: cell {i + 1} lacks \"cell_type\" or \"source\".");
        }
        return document;
    }

    /// <summary>Inserts <paramref name="cell"/> at <paramref name="index"/> (0-based).</summary>
    public void InsertCell(int index, JsonObject cell) => CellArray().Insert(index, cell);

    /// <summary>Removes the cell at <paramref name="index"/> (0-based).</summary>
    public void RemoveCell(int index) => CellArray().RemoveAt(index);

    /// <summary>A new code cell with <paramref name="source"/>, the given tags and an id unique in this notebook.</summary>
    public JsonObject NewCodeCell(string source, params string[] tags) => new()
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["id"] = UniqueId(tags.Length > 0 ? tags[0] : "cell"),
        ["metadata"] = new JsonObject { ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode?)JsonValue.Create(t))]) },
        ["outputs"] = new JsonArray(),
        ["source"] = source,
    };

    /// <summary>
    /// Makes the notebook nbformat 4.5 with the engine's kernelspec and language_info (design §7):
    /// adds missing cell ids (derived from position and source, so reruns give the same ids).
    /// </summary>
    public void EnsureStandardMetadata()
    {
        if (Root["metadata"] is not JsonObject metadata) Root["metadata"] = metadata = [];
        metadata["kernelspec"] = EngineInfo.KernelSpecMetadata();
        metadata["language_info"] = EngineInfo.LanguageInfo();
        Root["nbformat_minor"] = Math.Max(5, Root["nbformat_minor"]?.GetValue<int>() ?? 0);
        var cells = Cells;
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i].Id is not null) continue;
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{i}\n{cells[i].Source}")))[..8];
            cells[i].Json["id"] = UniqueId(hash);
        }
    }

    /// <summary>Writes the notebook to <paramref name="path"/>, creating its folder.</summary>
    public void Save(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder != null) Directory.CreateDirectory(folder);
        File.WriteAllText(path, ToJson(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    /// <summary>The notebook's text as nbformat writes it.</summary>
    public string ToJson()
    {
        var layout = Sorted(Root)!.AsObject();
        SplitLines(layout);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, IndentSize = 1, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            layout.WriteTo(writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private JsonArray CellArray() => (JsonArray)Root["cells"]!;

    private string UniqueId(string stem)
    {
        var taken = CellArray().Select(c => c?["id"]?.GetValue<string>()).ToHashSet();
        var id = stem;
        for (var n = 2; taken.Contains(id); n++) id = $"{stem}-{n}";
        return id;
    }

    /// <summary>A deep copy with object keys in ordinal order (nbformat writes with sort_keys).</summary>
    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sorted)]),
        null => null,
        _ => node.DeepClone(),
    };

    /// <summary>nbformat's split_lines: sources, stream text and text/* data become lists of lines.</summary>
    private static void SplitLines(JsonObject notebook)
    {
        foreach (var cell in ((JsonArray)notebook["cells"]!).OfType<JsonObject>())
        {
            if (cell["source"] is JsonValue source) cell["source"] = NotebookText.Split(source.GetValue<string>());
            if (cell["outputs"] is not JsonArray outputs) continue;
            foreach (var output in outputs.OfType<JsonObject>())
            {
                if (output["text"] is JsonValue text) output["text"] = NotebookText.Split(text.GetValue<string>());
                if (output["data"] is not JsonObject data) continue;
                foreach (var mime in data.Select(p => p.Key).ToList())
                {
                    var splits = !OutputJson.IsJson(mime) && (mime.StartsWith("text/", StringComparison.Ordinal) || mime is "application/javascript" or "image/svg+xml");
                    if (splits && data[mime] is JsonValue value) data[mime] = NotebookText.Split(value.GetValue<string>());
                }
            }
        }
    }
}
