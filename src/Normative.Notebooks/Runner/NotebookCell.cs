using System.Text.Json.Nodes;

namespace Normative.Notebooks.Runner;

/// <summary>A view of one cell of an nbformat 4 notebook (the JSON object itself is kept, so unknown fields survive).</summary>
public sealed class NotebookCell
{
    internal NotebookCell(JsonObject json) => Json = json;

    /// <summary>The cell's JSON object.</summary>
    public JsonObject Json { get; }

    /// <summary><c>code</c>, <c>markdown</c> or <c>raw</c>.</summary>
    public string CellType => Json["cell_type"]?.GetValue<string>() ?? "";

    /// <summary>The cell's id (nbformat 4.5).</summary>
    public string? Id => Json["id"]?.GetValue<string>();

    /// <summary>The cell's source as one string (nbformat stores it as a string or a list of lines).</summary>
    public string Source
    {
        get => NotebookText.Join(Json["source"]);
        set => Json["source"] = value;
    }

    /// <summary>The tags in <c>metadata.tags</c>.</summary>
    public IReadOnlyList<string> Tags =>
        Json["metadata"]?["tags"] is JsonArray tags ? [.. tags.Select(t => t?.GetValue<string>() ?? "")] : [];

    /// <summary>The outputs of a code cell (empty for other cells).</summary>
    public JsonArray Outputs => Json["outputs"] as JsonArray ?? [];

    /// <summary>The execution count of a code cell, or null when it has not run.</summary>
    public int? ExecutionCount => Json["execution_count"]?.GetValue<int>();

    /// <summary>The cell's metadata object, created when missing.</summary>
    public JsonObject Metadata
    {
        get
        {
            if (Json["metadata"] is not JsonObject metadata) Json["metadata"] = metadata = [];
            return metadata;
        }
    }

    /// <summary>Clears outputs and execution count of a code cell.</summary>
    public void ClearOutputs()
    {
        if (CellType != "code") return;
        Json["outputs"] = new JsonArray();
        Json["execution_count"] = null;
        Metadata.Remove("execution");
    }
}
