using System.Text.RegularExpressions;

namespace Normative.Notebooks.Engine;

/// <summary>
/// The lines of a cell that .NET Interactive's dialect adds to C# script and Roslyn does not
/// know: <c>#r "nuget: Name[, Version]"</c> (resolved through the <see cref="PackageCatalog"/>),
/// <c>#i "nuget: source"</c> (package sources, meaningless without a feed) and the
/// <c>#!csharp</c> language marker. They are blanked, not removed, so line numbers in
/// diagnostics still match the cell. <c>#r "path"</c> is left to Roslyn.
/// </summary>
internal static partial class CellDirectives
{
    [GeneratedRegex("""^\s*#r\s+"nuget:\s*(?<name>[^,"\s]+)\s*(,\s*(?<version>[^"]*?)\s*)?"\s*$""")]
    private static partial Regex NuGetReference();

    [GeneratedRegex("""^\s*(#i\s+"nuget:.*"|#!(csharp|c#|C#))\s*$""")]
    private static partial Regex Ignored();

    /// <summary>The cell's code with the directives blanked, and the packages they reference.</summary>
    /// <exception cref="CellDirectiveException">A referenced package is not carried; names the line.</exception>
    public static (string Code, IReadOnlyList<CarriedPackage> Packages) Apply(string code, PackageCatalog? catalog)
    {
        var lines = code.Split('\n');
        var packages = new List<CarriedPackage>();
        for (var i = 0; i < lines.Length; i++)
        {
            var match = NuGetReference().Match(lines[i].TrimEnd('\r'));
            if (match.Success)
            {
                if (catalog == null)
                    throw new CellDirectiveException(i + 1, "#r \"nuget: ...\" needs the program's dependency manifest (*.deps.json), which this program does not have.");
                var version = match.Groups["version"].Success && match.Groups["version"].Length > 0 ? match.Groups["version"].Value : null;
                try
                {
                    packages.Add(catalog.Resolve(match.Groups["name"].Value, version));
                }
                catch (PackageResolutionException error)
                {
                    throw new CellDirectiveException(i + 1, error.Message);
                }
                lines[i] = "";
            }
            else if (Ignored().IsMatch(lines[i].TrimEnd('\r')))
            {
                lines[i] = "";
            }
        }
        return (string.Join('\n', lines), packages);
    }
}

/// <summary>A directive line of a cell that cannot be honoured.</summary>
/// <param name="line">1-based line in the cell.</param>
/// <param name="message">What is wrong and what to do instead.</param>
internal sealed class CellDirectiveException(int line, string message) : Exception(message)
{
    /// <summary>1-based line in the cell.</summary>
    public int Line { get; } = line;
}
