namespace Normative.Notebooks.Engine;

/// <summary>A NuGet package (or project) the running program was built with, and the assemblies <c>#r "nuget: ..."</c> gives for it.</summary>
/// <param name="Name">Package id as in the program's dependency manifest.</param>
/// <param name="Version">The carried version.</param>
/// <param name="AssemblyPaths">Full paths of the runtime assemblies of the package and of its dependencies.</param>
public sealed record CarriedPackage(string Name, string Version, IReadOnlyList<string> AssemblyPaths);
