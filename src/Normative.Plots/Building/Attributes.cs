namespace Normative.Plots.Building;

/// <summary>
/// A plotly.js attribute object (<c>{"key": value, ...}</c>) for nested settings such as axes,
/// markers and annotations. Keys follow the plotly.js reference verbatim
/// (https://plotly.com/javascript/reference/), so a figure reads like its JSON.
/// </summary>
internal static class Attributes
{
    /// <summary>An attribute object; entries whose value is null are left out (plotly.js then uses its default).</summary>
    public static Dictionary<string, object> Of(params (string Key, object? Value)[] entries)
    {
        var result = new Dictionary<string, object>(entries.Length, StringComparer.Ordinal);
        foreach ((string key, object? value) in entries)
        {
            if (value is not null)
                result[key] = value;
        }
        return result;
    }
}
