using System.Diagnostics;
using System.Runtime.InteropServices;
using Normative.Aggregation;
using Normative.Cli.Infrastructure;
using Normative.Data;
using Normative.Models;
using Normative.NativeFix;
using Normative.Notebooks;
using Normative.Notebooks.Kernel;
using Normative.Plots;
using Normative.Training;
using TorchSharp;

namespace Normative.Cli.Doctor;

/// <summary>
/// The checks <c>normative doctor</c> runs, in the order a newcomer's problems show up: the runtime,
/// TorchSharp's native library (and the libstdc++ fix of environment/), torch's threads, one training
/// step, then the optional tools (Chromium for PNG figures, Jupyter and the kernelspec), and the output folder.
/// </summary>
internal static class StandardChecks
{
    /// <summary>What installs the optional Debian packages.</summary>
    public const string SetupCommand = "sudo bash environment/setup-debian.sh";

    private const string JupyterPackages = "jupyter-nbconvert python3-nbclient python3-jupyter-client python3-nbformat python3-ipykernel";

    /// <summary>Free space below which the output folder warns. Measured: a quick run writes 0.47 GB (0.43 GB of per-subject CSVs for 64 models); the full run's 320 models about five times that.</summary>
    public const long LowFreeSpaceBytes = 3L << 30;

    /// <summary>Every check, for results written to <paramref name="outputFolder"/>.</summary>
    public static IReadOnlyList<DoctorCheck> All(string outputFolder) =>
    [
        new(".NET runtime", Required: true, DotNetRuntime),
        new("TorchSharp native library", Required: true, TorchSharpNative),
        new("torch threads vs cores", Required: true, TorchThreads),
        new("training smoke test (1 step)", Required: true, TrainingStep),
        new("Chromium (PNG figures)", Required: false, () => Chromium(PngRenderer.ResolveChromiumPath())),
        new("Jupyter clients", Required: false, JupyterClients),
        new($"Jupyter kernelspec {EngineInfo.KernelName}", Required: false, KernelSpec),
        new("output folder", Required: true, () => OutputFolder(outputFolder)),
    ];

    /// <summary>The runtime running this program (it runs, so it is there; older than .NET 10 would not have started it).</summary>
    public static DoctorFinding DotNetRuntime() =>
        DoctorFinding.Ok($"{RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription} ({RuntimeInformation.ProcessArchitecture})");

    /// <summary>
    /// Loads TorchSharp's native library by making a tensor, then reads the loaded file's libstdc++
    /// version requirements: are any the system lacks, and are they weak (the build's fix)?
    /// </summary>
    public static DoctorFinding TorchSharpNative()
    {
        try
        {
            using var probe = torch.zeros(1);
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or NotSupportedException or InvalidOperationException)
        {
            return DoctorFinding.Problem($"TorchSharp's native library does not load: {Innermost(e).Message}",
                "rebuild with `dotnet build -c Release` (the build applies the libstdc++ fix, environment/README.md); keep TorchSharp-cpu and libtorch from the same package set");
        }
        var versions = VersionInfo.Current;
        string loaded = $"TorchSharp {versions.TorchSharp}, {versions.LibTorch}";
        if (!OperatingSystem.IsLinux())
            return DoctorFinding.Ok($"{loaded}; loads (the libstdc++ fix is Linux-only)");
        string? library = MappedFile(p => p.EndsWith("/libLibTorchSharp.so", StringComparison.Ordinal));
        string? libstdcxx = MappedFile(p => Path.GetFileName(p).StartsWith("libstdc++.so.6", StringComparison.Ordinal));
        if (library is null || libstdcxx is null)
            return DoctorFinding.Ok($"{loaded}; loads (could not find the mapped files to inspect the libstdc++ fix)");
        var provided = ElfVersionRequirements.ReadDefinitions(libstdcxx);
        var lacking = ElfVersionRequirements.ReadRequirements(library)
            .Where(r => r.File == "libstdc++.so.6" && !provided.Contains(r.Version)).ToArray();
        if (lacking.Length == 0)
            return DoctorFinding.Ok($"{loaded}; GLIBCXX fix not needed (the system libstdc++ provides every version the library asks for)");
        var strong = lacking.Where(r => !r.IsWeak).Select(r => r.Version).ToArray();
        // It loaded, so a strong unmet requirement cannot really be there; report it rather than assume.
        return strong.Length == 0
            ? DoctorFinding.Ok($"{loaded}; GLIBCXX fix applied ({string.Join(", ", lacking.Select(r => r.Version))} marked weak in {library})")
            : DoctorFinding.Problem($"{library} strongly requires {string.Join(", ", strong)}, which {libstdcxx} lacks", "rebuild with `dotnet build -c Release` (environment/README.md)");
    }

    /// <summary>torch's intra-op threads against the cores: more threads than cores only contend.</summary>
    public static DoctorFinding TorchThreads()
    {
        int threads = torch.get_num_threads();
        int cores = System.Environment.ProcessorCount;
        string detail = $"{threads} torch thread{(threads == 1 ? "" : "s")}, {cores} core{(cores == 1 ? "" : "s")} available";
        return threads > cores
            ? DoctorFinding.Advice(detail + " (oversubscribed)", $"pass --threads {cores} (or fewer) to the verbs that train")
            : DoctorFinding.Ok(detail);
    }

    /// <summary>One optimiser step of mmSIVAE-MoPoE on 64 random subjects with the paper's shape (2 × 90 regions, latent 10), timed.</summary>
    public static DoctorFinding TrainingStep()
    {
        const int subjects = 64, regions = 90, covariates = 12, latent = 10;
        // The model outside the dispose scope: its parameters belong to it, the scope owns only the data.
        using var model = ModelFactory.Create("mmsivae", AggregatorKind.MoPoE, latent, [regions, regions], covariates, seed: 0, modalityNames: ["mri", "pet"]);
        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator(0);
        var data = new SubjectTensors(
            [.. Enumerable.Range(1, subjects).Select(i => $"doctor-{i}")], ["mri", "pet"],
            [torch.randn(subjects, regions, generator: generator), torch.randn(subjects, regions, generator: generator)],
            torch.zeros(subjects, covariates));
        var clock = Stopwatch.StartNew();
        var history = Trainer.Fit(model, data, new TrainingOptions { Epochs = 1, BatchSize = subjects, LearningRate = 1e-3, Seed = 0, Threads = null });
        clock.Stop();
        double loss = history.Losses[^1];
        return double.IsFinite(loss)
            ? DoctorFinding.Ok($"mmSIVAE-MoPoE, 64 subjects x 2 x 90 regions, latent 10: 1 step in {clock.Elapsed.TotalSeconds:0.00} s (loss {loss:0.0})")
            : DoctorFinding.Problem($"the step's loss is {loss}", "report this with `normative --version`");
    }

    /// <summary>The Chromium that renders PNG figures; without it figures are HTML only.</summary>
    public static DoctorFinding Chromium(string path)
    {
        if (!File.Exists(path))
            return DoctorFinding.Problem($"not found at {path}: figures are written as interactive HTML only, no PNG",
                $"{SetupCommand}, or set {PngRenderer.ChromiumPathVariable} to a Chromium executable");
        string? version = FirstLineOf(path, ["--version"]);
        return DoctorFinding.Ok($"{path}{(version is null ? "" : $" ({version})")}");
    }

    /// <summary>Debian's Jupyter clients (nbconvert, nbclient, jupyter_client), for opening the notebooks in Jupyter and `jupyter nbconvert --execute`.</summary>
    public static DoctorFinding JupyterClients()
    {
        const string python = "/usr/bin/python3", nbconvert = "/usr/bin/jupyter-nbconvert";
        string fix = $"{SetupCommand} (Debian packages {JupyterPackages}); not needed for `normative notebook run`";
        if (!File.Exists(python) || !File.Exists(nbconvert))
            return DoctorFinding.Problem($"not found ({(File.Exists(python) ? "" : python + " ")}{(File.Exists(nbconvert) ? "" : nbconvert)})".Replace(" )", ")", StringComparison.Ordinal), fix);
        string? versions = FirstLineOf(python, ["-c", "import nbformat, nbclient, jupyter_client, nbconvert; print('nbconvert', nbconvert.__version__, 'nbclient', nbclient.__version__, 'jupyter_client', jupyter_client.__version__)"]);
        return versions is null
            ? DoctorFinding.Problem($"{nbconvert} is there but {python} cannot import nbformat, nbclient, jupyter_client", fix)
            : DoctorFinding.Ok($"{nbconvert}; {versions}");
    }

    /// <summary>Whether the kernelspec is installed where Jupyter looks, and where.</summary>
    public static DoctorFinding KernelSpec()
    {
        var found = KernelSearchPath().Select(d => Path.Combine(d, EngineInfo.KernelName, "kernel.json")).Where(File.Exists).ToArray();
        return found.Length == 0
            ? DoctorFinding.Problem($"not installed (looked in {string.Join(", ", KernelSearchPath())})", "normative kernel install --user")
            : DoctorFinding.Ok($"installed in {string.Join(", ", found.Select(Path.GetDirectoryName))}");
    }

    /// <summary>Jupyter's kernel folders as jupyter_core searches them: JUPYTER_PATH entries, the user's data folder, then the system prefixes.</summary>
    public static IReadOnlyList<string> KernelSearchPath()
    {
        var folders = new List<string>();
        foreach (var entry in (System.Environment.GetEnvironmentVariable("JUPYTER_PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            folders.Add(Path.Combine(entry, "kernels"));
        folders.Add(KernelSpecInstaller.UserKernelsDirectory());
        folders.Add("/usr/local/share/jupyter/kernels");
        folders.Add("/usr/share/jupyter/kernels");
        return [.. folders.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Can results be written to <paramref name="folder"/> (or the nearest existing folder above it), and is there room?</summary>
    public static DoctorFinding OutputFolder(string folder)
    {
        string full = Path.GetFullPath(folder);
        var existing = new DirectoryInfo(full);
        while (existing is not null && !existing.Exists) existing = existing.Parent;
        if (existing is null)
            return DoctorFinding.Problem($"{full}: no part of the path exists", "pass --out with a folder on a mounted file system");
        string probe = Path.Combine(existing.FullName, $".normative-doctor-{System.Environment.ProcessId}");
        try
        {
            File.WriteAllText(probe, "probe");
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return DoctorFinding.Problem($"{existing.FullName} is not writable ({e.Message})", "choose another folder with --out, or fix its permissions");
        }
        finally
        {
            File.Delete(probe);
        }
        long free = new DriveInfo(existing.FullName).AvailableFreeSpace;
        string where = existing.FullName == full ? full : $"{full} (created on first run under {existing.FullName})";
        string detail = $"{where}: writable, {free / 1e9:0.0} GB free";
        return free < LowFreeSpaceBytes
            ? DoctorFinding.Advice(detail, "free some space or choose another folder with --out (a quick run writes about 0.5 GB, the full run about 2.5 GB)")
            : DoctorFinding.Ok(detail);
    }

    /// <summary>The path of a file mapped into this process (Linux /proc/self/maps), or null.</summary>
    private static string? MappedFile(Func<string, bool> match) =>
        File.ReadLines("/proc/self/maps")
            .Select(l => l.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 6 && f[5].StartsWith('/'))
            .Select(f => f[5].Trim())
            .FirstOrDefault(match);

    /// <summary>The first line a program prints (stdout), or null when it fails or takes longer than 20 s.</summary>
    private static string? FirstLineOf(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start);
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            string text = output.Result.Trim();
            return process.ExitCode == 0 && text.Length > 0 ? text.Split('\n')[0].Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}
