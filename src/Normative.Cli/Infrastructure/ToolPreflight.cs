using Normative.Plots;

namespace Normative.Cli.Infrastructure;

/// <summary>
/// Checks for optional external tools before a verb starts its long work, never after: a verb that
/// cannot do without a tool stops at once with the fix; one that can, says up front what it will
/// leave out.
/// </summary>
internal static class ToolPreflight
{
    /// <summary>Throws <see cref="ChromiumNotFoundException"/> (with the install hint) unless the PNG renderer's Chromium exists.</summary>
    /// <param name="why">What needs the PNGs, for the message.</param>
    public static void RequireChromium(string why)
    {
        string path = PngRenderer.ResolveChromiumPath();
        if (!File.Exists(path))
            throw new InvalidOperationException($"{why}, which needs Chromium.", new ChromiumNotFoundException(path));
    }

    /// <summary>Null when Chromium is there; otherwise the one line saying figures will be HTML only and how to get PNGs.</summary>
    public static string? MissingChromiumNote()
    {
        string path = PngRenderer.ResolveChromiumPath();
        return File.Exists(path)
            ? null
            : $"note: Chromium was not found at '{path}', so figures will be written as interactive HTML only (no PNG). To get PNGs, {ChromiumNotFoundException.InstallHint}";
    }
}
