using Normative.Plots;
using Xunit;

namespace Normative.TestSupport;

/// <summary>
/// The policy for tests that need a tool from outside .NET (Debian's Chromium, Jupyter clients):
/// on a developer's machine a missing tool <em>skips</em> the test and says how to install it, so
/// <c>dotnet test Research.sln</c> passes on a fresh machine; under <c>CI=true</c> (CI runs
/// <c>environment/setup-debian.sh</c> first) a missing tool <em>fails</em> the test, so CI always
/// runs every test for real.
/// </summary>
/// <remarks>Linked into every test project from tests/Shared; the tests that call it are <c>[SkippableFact]</c>/<c>[SkippableTheory]</c>.</remarks>
public static class ExternalTools
{
    /// <summary>The one command that installs every external tool the tests use.</summary>
    public const string SetupCommand = "sudo bash environment/setup-debian.sh";

    /// <summary>Whether the tests run under CI (the environment variable <c>CI</c> is <c>true</c>, as CI services set it).</summary>
    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI")?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns when <paramref name="available"/>; otherwise skips the test (locally) or fails it (under CI).</summary>
    /// <param name="tool">The tool's name, as the skip reason shows it ("chromium").</param>
    /// <param name="available">Whether it is installed.</param>
    /// <param name="detail">What was looked for, or another way to provide it.</param>
    public static void Require(string tool, bool available, string detail)
    {
        if (available) return;
        string reason = $"needs {tool} — run {SetupCommand} ({detail})";
        if (UnderCi)
            Assert.Fail($"CI=true, and this test {reason}. CI must run every test for real.");
        throw new SkipException(reason);
    }

    /// <summary>Requires the Chromium that renders PNG figures (<see cref="PngRenderer.ResolveChromiumPath"/>).</summary>
    public static void RequireChromium()
    {
        string path = PngRenderer.ResolveChromiumPath();
        Require("chromium", File.Exists(path), $"looked for {path}; or set {PngRenderer.ChromiumPathVariable}");
    }

    /// <summary>Whether PNG figures can be rendered here; under CI=true Chromium is required (a missing one fails the test).</summary>
    public static bool ChromiumAvailableOrRequiredUnderCi()
    {
        if (UnderCi) RequireChromium();
        return File.Exists(PngRenderer.ResolveChromiumPath());
    }
}
