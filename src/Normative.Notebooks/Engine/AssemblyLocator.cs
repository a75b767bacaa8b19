namespace Normative.Notebooks.Engine;

/// <summary>Finds the files of the assemblies the running program loads (its trusted platform assemblies).</summary>
internal static class AssemblyLocator
{
    private static readonly Lazy<IReadOnlyList<string>> Trusted = new(() =>
        ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));

    private static readonly Lazy<Dictionary<string, string>> ByFileName = new(() =>
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in Trusted.Value) map.TryAdd(Path.GetFileName(path), path);
        return map;
    });

    /// <summary>The full path of the assembly file named <paramref name="fileName"/>, or null when the program does not carry it.</summary>
    public static string? Find(string fileName)
    {
        if (ByFileName.Value.TryGetValue(fileName, out var path)) return path;
        var local = Path.Combine(AppContext.BaseDirectory, fileName);
        return File.Exists(local) ? local : null;
    }

    /// <summary>The assemblies of the shared framework (System.*, Microsoft.*, netstandard): the default references of a script.</summary>
    public static IEnumerable<string> Framework()
    {
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return Trusted.Value.Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDirectory, StringComparison.Ordinal));
    }
}
