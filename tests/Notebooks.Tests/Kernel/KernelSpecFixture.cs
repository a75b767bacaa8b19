namespace Notebooks.Tests.Kernel;

/// <summary>
/// Installs the kernelspec with <c>normative kernel install --prefix</c> into a temporary folder
/// and gives the environment that points Jupyter at it (and keeps Jupyter's runtime, data and
/// config folders out of the user's home).
/// </summary>
public sealed class KernelSpecFixture : IDisposable
{
    private readonly DirectoryInfo root = Directory.CreateTempSubdirectory("nb-kernel-");

    public KernelSpecFixture()
    {
        Environment = new Dictionary<string, string>
        {
            ["JUPYTER_PATH"] = Path.Combine(root.FullName, "prefix", "share", "jupyter"),
            ["JUPYTER_RUNTIME_DIR"] = Path.Combine(root.FullName, "runtime"),
            ["JUPYTER_DATA_DIR"] = Path.Combine(root.FullName, "data"),
            ["JUPYTER_CONFIG_DIR"] = Path.Combine(root.FullName, "config"),
            ["JUPYTER_PLATFORM_DIRS"] = "1",
        };
        Install = JupyterTools.Run("dotnet", [JupyterTools.Program, "kernel", "install", "--prefix", Path.Combine(root.FullName, "prefix")], null, TimeSpan.FromMinutes(2));
    }

    /// <summary>The result of the install command.</summary>
    public JupyterTools.ProcessResult Install { get; }

    /// <summary>The installed kernel.json.</summary>
    public string KernelJson => Path.Combine(Environment["JUPYTER_PATH"], "kernels", "normative-csharp", "kernel.json");

    /// <summary>Environment variables for Jupyter processes.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>A scratch folder under the fixture's root.</summary>
    public string Scratch(string name) => Directory.CreateDirectory(Path.Combine(root.FullName, name)).FullName;

    public void Dispose() => root.Delete(recursive: true);
}
