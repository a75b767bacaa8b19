namespace Normative.Notebooks.Engine;

/// <summary>A <c>#r "nuget: ..."</c> reference the engine cannot satisfy.</summary>
public sealed class PackageResolutionException(string message) : Exception(message);
