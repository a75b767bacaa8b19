namespace Normative;

/// <summary>Versions recorded with every result so a run can be traced back to its code.</summary>
public static class PackageInfo
{
    /// <summary>The informational version of the Normative assembly.</summary>
    public static string Version { get; } =
        typeof(PackageInfo).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "unknown";

    /// <summary>The TorchSharp assembly version the library runs on.</summary>
    public static string TorchSharpVersion { get; } = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "unknown";
}
