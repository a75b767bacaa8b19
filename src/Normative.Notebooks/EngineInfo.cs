using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis.CSharp;

namespace Normative.Notebooks;

/// <summary>Identity of the notebook engine, reported by the kernel and written into notebooks (design §7).</summary>
public static class EngineInfo
{
    /// <summary>Jupyter kernelspec name of the package's C# kernel.</summary>
    public const string KernelName = "normative-csharp";

    /// <summary>The name front ends show for the kernel.</summary>
    public const string DisplayName = ".NET C# (normative)";

    /// <summary>The kernelspec's language.</summary>
    public const string Language = "C#";

    /// <summary>The engine's version (informational version of this assembly).</summary>
    public static string Version { get; } =
        typeof(EngineInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The C# language version cells are compiled with.</summary>
    public static string CSharpVersion { get; } = LanguageVersion.Latest.MapSpecifiedToEffectiveVersion().ToDisplayString();

    /// <summary>The notebook's <c>metadata.kernelspec</c>.</summary>
    public static JsonObject KernelSpecMetadata() => new()
    {
        ["display_name"] = DisplayName,
        ["language"] = Language,
        ["name"] = KernelName,
    };

    /// <summary>The notebook's <c>metadata.language_info</c>, also the kernel's <c>kernel_info_reply.language_info</c>.</summary>
    public static JsonObject LanguageInfo() => new()
    {
        ["file_extension"] = ".cs",
        ["mimetype"] = "text/x-csharp",
        ["name"] = "csharp",
        ["pygments_lexer"] = "csharp",
        ["version"] = CSharpVersion,
    };
}
