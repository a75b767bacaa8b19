namespace Normative.Plots;

/// <summary>
/// Thrown when the system Chromium that renders figures to PNG is missing. The package never
/// downloads a browser; the project's set-up installs Debian's <c>chromium</c>.
/// </summary>
public sealed class ChromiumNotFoundException : InvalidOperationException
{
    /// <summary>Creates the error for the path that was looked at.</summary>
    public ChromiumNotFoundException(string path)
        : base($"Chromium was not found at '{path}'. Figures are rendered to PNG by the system's Chromium " +
               $"(the package never downloads a browser). To render PNGs, {InstallHint}")
    {
        Path = path;
    }

    /// <summary>How to get Chromium for PNG figures ("install it with ..."), shared by this error, the report note and the CLI's notes.</summary>
    public static string InstallHint =>
        "install it with `sudo bash environment/setup-debian.sh` (or `apt-get install chromium`), " +
        $"or set {PngRenderer.ChromiumPathVariable} to a Chromium executable.";

    /// <summary>The executable path that does not exist.</summary>
    public string Path { get; }
}
