using System.Text.Json;

namespace Normative.Tests.Experiments;

/// <summary>Reads written result files back: the JSON must parse, the CSV must have the expected header and well-formed rows.</summary>
internal static class ResultFileAssert
{
    public static JsonElement Json(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not written.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }

    /// <summary>Checks the header starts with <paramref name="leading"/> and returns the data rows (naive split: the test files have no quoted commas).</summary>
    public static string[][] Csv(string path, params string[] leading)
    {
        Assert.True(File.Exists(path), $"{path} was not written.");
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        Assert.Equal(leading, header.Take(leading.Length));
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.All(rows, r => Assert.Equal(header.Length, r.Length));
        return rows;
    }
}
