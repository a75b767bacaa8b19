using System.Text.Json.Nodes;

namespace Normative.Notebooks.Runner;

/// <summary>nbformat's multi-line strings: a string or a list of lines that are joined.</summary>
internal static class NotebookText
{
    /// <summary>The text of a multi-line string node (null gives "").</summary>
    public static string Join(JsonNode? node) => node switch
    {
        null => "",
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
        _ => node.GetValue<string>(),
    };

    /// <summary>The text split after each line break, as nbformat writes it (Python's <c>splitlines(True)</c> for \n).</summary>
    public static JsonArray Split(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }
}
