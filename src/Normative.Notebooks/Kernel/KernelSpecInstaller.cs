using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Normative.Notebooks.Kernel;

/// <summary>
/// Writes and removes the kernelspec (<c>kernels/normative-csharp/kernel.json</c>) where Jupyter
/// looks for kernels: the user's Jupyter data folder, or <c>PREFIX/share/jupyter</c> for an
/// environment (then found through <c>JUPYTER_PATH</c> or the environment's own Jupyter).
/// </summary>
public static class KernelSpecInstaller
{
    /// <summary>The user's kernels folder: <c>$JUPYTER_DATA_DIR/kernels</c>, else the platform's Jupyter data folder (as jupyter_core computes it).</summary>
    public static string UserKernelsDirectory()
    {
        var data = Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR");
        if (string.IsNullOrEmpty(data))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (OperatingSystem.IsWindows()) data = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter");
            else if (OperatingSystem.IsMacOS()) data = Path.Combine(home, "Library", "Jupyter");
            else
            {
                var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
                data = Path.Combine(string.IsNullOrEmpty(xdg) ? Path.Combine(home, ".local", "share") : xdg, "jupyter");
            }
        }
        return Path.Combine(data, "kernels");
    }

    /// <summary>The kernels folder of an installation prefix: <c>PREFIX/share/jupyter/kernels</c>.</summary>
    public static string PrefixKernelsDirectory(string prefix) => Path.Combine(Path.GetFullPath(prefix), "share", "jupyter", "kernels");

    /// <summary>
    /// The command that starts this program: its apphost, or <c>dotnet path/to/normative.dll</c>
    /// when it runs under the <c>dotnet</c> host.
    /// </summary>
    public static IReadOnlyList<string> CurrentProgramCommand()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("The path of the running program is unknown.");
        if (!string.Equals(Path.GetFileNameWithoutExtension(process), "dotnet", StringComparison.OrdinalIgnoreCase)) return [process];
        var entry = Assembly.GetEntryAssembly()?.Location;
        if (string.IsNullOrEmpty(entry)) throw new InvalidOperationException("The running program's assembly path is unknown.");
        return [process, entry];
    }

    /// <summary>The kernel.json content: <paramref name="launch"/> followed by <c>kernel --connection-file {connection_file}</c>.</summary>
    public static JsonObject KernelSpec(IReadOnlyList<string> launch) => new()
    {
        ["argv"] = new JsonArray([.. launch.Concat(["kernel", "--connection-file", "{connection_file}"]).Select(a => (JsonNode?)JsonValue.Create(a))]),
        ["display_name"] = EngineInfo.DisplayName,
        ["language"] = EngineInfo.Language,
        ["interrupt_mode"] = "message",
        ["metadata"] = new JsonObject { ["debugger"] = false },
    };

    /// <summary>Writes the kernelspec under <paramref name="kernelsDirectory"/>; returns the kernel's folder.</summary>
    public static string Install(string kernelsDirectory, IReadOnlyList<string> launch)
    {
        var folder = Path.Combine(kernelsDirectory, EngineInfo.KernelName);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "kernel.json"), KernelSpec(launch).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return folder;
    }

    /// <summary>Removes the kernelspec under <paramref name="kernelsDirectory"/>; returns whether one was there.</summary>
    public static bool Uninstall(string kernelsDirectory)
    {
        var folder = Path.Combine(kernelsDirectory, EngineInfo.KernelName);
        if (!Directory.Exists(folder)) return false;
        Directory.Delete(folder, recursive: true);
        return true;
    }
}
