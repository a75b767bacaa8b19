using System.Text.Json.Nodes;
using Normative.Notebooks.Formatting;

namespace Normative.Notebooks.Engine;

/// <summary>
/// Cell outputs as JSON in the shapes shared by Jupyter's iopub messages and nbformat's outputs
/// (an nbformat output is the message content plus <c>output_type</c>, which is the message type),
/// so the kernel and the runner write the same thing.
/// </summary>
public static class OutputJson
{
    /// <summary>The iopub message type and content for <paramref name="output"/>.</summary>
    public static (string MessageType, JsonObject Content) ToMessage(CellOutput output) => output switch
    {
        StreamOutput stream => ("stream", new JsonObject { ["name"] = stream.Name, ["text"] = stream.Text }),
        DisplayOutput display => ("display_data", new JsonObject { ["data"] = Data(display.Data), ["metadata"] = new JsonObject(), ["transient"] = new JsonObject() }),
        ExecuteResultOutput result => ("execute_result", new JsonObject { ["data"] = Data(result.Data), ["metadata"] = new JsonObject(), ["execution_count"] = result.ExecutionCount }),
        ErrorOutput error => ("error", ErrorContent(error.Error)),
        _ => throw new ArgumentOutOfRangeException(nameof(output), output.GetType().Name, "Unknown kind of cell output."),
    };

    /// <summary>The nbformat 4 output object for <paramref name="output"/>.</summary>
    public static JsonObject ToNbformat(CellOutput output)
    {
        var (type, content) = ToMessage(output);
        content.Remove("transient");
        content["output_type"] = type;
        return content;
    }

    /// <summary>The <c>ename</c>/<c>evalue</c>/<c>traceback</c> object of an error output or error reply.</summary>
    public static JsonObject ErrorContent(CellError error) => new()
    {
        ["ename"] = error.ExceptionType,
        ["evalue"] = error.Message,
        ["traceback"] = new JsonArray([.. error.Traceback.Select(line => (JsonNode?)JsonValue.Create(line))]),
    };

    /// <summary>A MIME bundle as a JSON object; JSON MIME types carry parsed JSON, the others strings.</summary>
    private static JsonObject Data(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var (mime, content) in bundle) data[mime] = IsJson(mime) ? JsonNode.Parse(content) : JsonValue.Create(content);
        return data;
    }

    /// <summary>Whether values of <paramref name="mime"/> are JSON documents (nbformat's rule: application/json and application/*+json).</summary>
    public static bool IsJson(string mime) =>
        mime == "application/json" || (mime.StartsWith("application/", StringComparison.Ordinal) && mime.EndsWith("+json", StringComparison.Ordinal));
}
