using System.Text.Json;

namespace Normative.Notebooks.Engine;

/// <summary>
/// The packages a notebook may reference with <c>#r "nuget: Name[, Version]"</c>: those the running
/// program carries, read from its dependency manifest (<c>*.deps.json</c>). Nothing is
/// downloaded; a package the program does not carry is an error naming what is available.
/// </summary>
/// <remarks>
/// .NET Interactive restored packages from a feed at run time. This engine runs where only the
/// program's own packages exist (and must give the same result offline and in CI), so it maps
/// package ids to the assemblies already next to it.
/// </remarks>
public sealed class PackageCatalog
{
    private readonly Dictionary<string, Entry> entries;
    private readonly string manifestPath;

    private PackageCatalog(Dictionary<string, Entry> entries, string manifestPath)
    {
        this.entries = entries;
        this.manifestPath = manifestPath;
    }

    private sealed record Entry(string Name, string Version, IReadOnlyList<string> AssemblyFiles, IReadOnlyList<string> Dependencies);

    /// <summary>The catalog of the running program, or null when it has no dependency manifest (e.g. a single-file app).</summary>
    public static PackageCatalog? ForCurrentProgram { get; } = LoadCurrent();

    /// <summary>Reads the catalog from the dependency manifest at <paramref name="depsJsonPath"/>.</summary>
    public static PackageCatalog Load(string depsJsonPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(depsJsonPath));
        var root = document.RootElement;
        var targetName = root.GetProperty("runtimeTarget").GetProperty("name").GetString()
            ?? throw new InvalidDataException($"{depsJsonPath}: runtimeTarget.name is missing.");
        var entries = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        foreach (var library in root.GetProperty("targets").GetProperty(targetName).EnumerateObject())
        {
            var slash = library.Name.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0) continue;
            var files = library.Value.TryGetProperty("runtime", out var runtime)
                ? runtime.EnumerateObject().Select(asset => Path.GetFileName(asset.Name)).ToList()
                : [];
            var dependencies = library.Value.TryGetProperty("dependencies", out var deps)
                ? deps.EnumerateObject().Select(d => d.Name).ToList()
                : [];
            entries[library.Name[..slash]] = new Entry(library.Name[..slash], library.Name[(slash + 1)..], files, dependencies);
        }
        return new PackageCatalog(entries, depsJsonPath);
    }

    /// <summary>Names and versions of every carried package, sorted by name.</summary>
    public IEnumerable<(string Name, string Version)> Packages =>
        entries.Values.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).Select(e => (e.Name, e.Version));

    /// <summary>
    /// The assemblies for <c>#r "nuget: <paramref name="name"/>, <paramref name="requestedVersion"/>"</c>.
    /// A requested version is a lower bound, as in NuGet: the carried version must be at least it.
    /// </summary>
    /// <exception cref="PackageResolutionException">The package is not carried, is older than requested, or has no assemblies.</exception>
    public CarriedPackage Resolve(string name, string? requestedVersion)
    {
        if (!entries.TryGetValue(name, out var entry))
        {
            throw new PackageResolutionException(
                $"package '{name}' is not available: the notebook engine has no package feed and resolves only the packages it carries " +
                $"({string.Join(", ", Headline())}; {entries.Count} in all, listed in {manifestPath}). " +
                "Reference a local assembly with #r \"path/to/Assembly.dll\" instead.");
        }
        if (requestedVersion != null && !SatisfiesLowerBound(entry.Version, requestedVersion))
        {
            throw new PackageResolutionException(
                $"package '{entry.Name}' version {requestedVersion} was requested but the notebook engine carries {entry.Version}; " +
                $"change the reference to #r \"nuget: {entry.Name}, {entry.Version}\" or drop the version.");
        }

        var paths = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Collect(entry, seen, paths);
        if (paths.Count == 0) throw new PackageResolutionException($"package '{entry.Name}' {entry.Version} carries no .NET assemblies for this platform.");
        return new CarriedPackage(entry.Name, entry.Version, paths);
    }

    private void Collect(Entry entry, HashSet<string> seen, List<string> paths)
    {
        if (!seen.Add(entry.Name)) return;
        foreach (var file in entry.AssemblyFiles)
        {
            var path = AssemblyLocator.Find(file);
            if (path != null && !paths.Contains(path, StringComparer.Ordinal)) paths.Add(path);
        }
        foreach (var dependency in entry.Dependencies)
        {
            if (entries.TryGetValue(dependency, out var next)) Collect(next, seen, paths);
        }
    }

    /// <summary>The packages a notebook most likely wants: the libraries' own dependencies and the libraries.</summary>
    private IEnumerable<string> Headline()
    {
        string[] libraries = ["Normative", "Normative.Plots"];
        var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var library in libraries)
        {
            if (!entries.TryGetValue(library, out var entry)) continue;
            names.Add(entry.Name);
            foreach (var dependency in entry.Dependencies) names.Add(dependency);
        }
        return names.Select(n => entries.TryGetValue(n, out var e) ? $"{e.Name} {e.Version}" : n);
    }

    private static bool SatisfiesLowerBound(string carried, string requested)
    {
        var requestedCore = requested.Trim().Split('-', '+')[0].TrimEnd('*', '.');
        if (requestedCore.Length == 0) return true;
        if (!Version.TryParse(Pad(requestedCore), out var minimum) || !Version.TryParse(Pad(carried.Split('-', '+')[0]), out var actual))
            return string.Equals(carried, requested.Trim(), StringComparison.OrdinalIgnoreCase);
        return actual >= minimum;

        static string Pad(string v) => v.Contains('.', StringComparison.Ordinal) ? v : v + ".0";
    }

    /// <summary>
    /// The manifest the host names (APP_CONTEXT_DEPS_FILES); under a host that does not (a test
    /// host), the entry assembly's, else the first one in the program's folder that lists the engine.
    /// </summary>
    private static PackageCatalog? LoadCurrent()
    {
        var named = (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string)?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries) ?? [];
        var entry = System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name;
        var local = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.deps.json").Order(StringComparer.Ordinal)
            .Where(f => File.ReadAllText(f).Contains($"\"{typeof(PackageCatalog).Assembly.GetName().Name}/", StringComparison.Ordinal));
        var manifest = named.Where(f => !f.Contains("Microsoft.NETCore.App", StringComparison.Ordinal))
            .Append(Path.Combine(AppContext.BaseDirectory, $"{entry}.deps.json"))
            .Where(File.Exists)
            .Concat(local)
            .FirstOrDefault();
        return manifest == null ? null : Load(manifest);
    }
}
