using System.Reflection;

namespace Normative.Cli.Infrastructure;

/// <summary>
/// What this build of <c>normative</c> is: package version, the commit it was built from, and the
/// TorchSharp / libtorch versions it carries — what <c>normative --version</c> prints and
/// <c>normative doctor</c> reports, so a bug report names the exact build.
/// </summary>
/// <remarks>
/// The commit comes from the SDK's source control integration (SourceLink sets <c>SourceRevisionId</c>
/// from git and appends it to the informational version as <c>+sha</c>); built from a tree without git
/// it is absent and reported as unknown. The libtorch package is embedded at build time
/// (<c>NativePackages</c> assembly metadata, see Normative.Cli.csproj): its version is not visible at run time.
/// </remarks>
internal sealed record VersionInfo(string Package, string? Commit, string TorchSharp, string LibTorch)
{
    /// <summary>The versions of the running program.</summary>
    public static VersionInfo Current { get; } = Read();

    /// <summary>Four lines: package, commit, TorchSharp, libtorch.</summary>
    public override string ToString() =>
        $"normative {Package}\n" +
        $"commit     {Commit ?? "unknown (built outside a git checkout)"}\n" +
        $"TorchSharp {TorchSharp}\n" +
        $"libtorch   {LibTorch}";

    /// <summary>Splits an informational version "1.2.3+sha" into the version and the commit (null when there is none).</summary>
    public static (string Version, string? Commit) SplitInformational(string informational)
    {
        int plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? (informational, null) : (informational[..plus], informational[(plus + 1)..]);
    }

    /// <summary>The libtorch entry ("libtorch-cpu-linux-x64 2.10.0") of a ';'-separated package list, or null.</summary>
    public static string? LibTorchOf(string? nativePackages) =>
        nativePackages?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(p => p.StartsWith("libtorch", StringComparison.OrdinalIgnoreCase));

    private static VersionInfo Read()
    {
        var cli = typeof(VersionInfo).Assembly;
        var (version, commit) = SplitInformational(Informational(cli) ?? cli.GetName().Version?.ToString() ?? "unknown");
        var torch = typeof(TorchSharp.torch).Assembly;
        string torchVersion = SplitInformational(Informational(torch) ?? torch.GetName().Version?.ToString() ?? "unknown").Version;
        string? native = cli.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "NativePackages")?.Value;
        return new VersionInfo(version, commit, torchVersion, LibTorchOf(native) ?? "unknown (not recorded at build time)");
    }

    private static string? Informational(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
}
