using System.Reflection;

namespace Normative.Data;

/// <summary>Reads the data files embedded in the library (region catalogue, default parameter and mapping files).</summary>
internal static class EmbeddedData
{
    public static Stream Open(string resourceName) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream(resourceName)
        ?? throw new InvalidOperationException($"Embedded resource '{resourceName}' is missing from the Normative assembly.");

    public static string ReadText(string resourceName)
    {
        using var reader = new StreamReader(Open(resourceName));
        return reader.ReadToEnd();
    }
}
