using System.Diagnostics;
using Normative.TestSupport;

namespace Notebooks.Tests.Kernel;

/// <summary>
/// Runs Debian's Jupyter (nbconvert, jupyter_client, nbformat under /usr/bin/python3 — the
/// python3 first on PATH may be another interpreter without them) and the normative program.
/// Missing tools skip the test with the set-up command, and fail it under CI=true (<see cref="ExternalTools"/>).
/// </summary>
public static class JupyterTools
{
    public const string Python = "/usr/bin/python3";
    public const string NbConvert = "/usr/bin/jupyter-nbconvert";
    private const string Packages = "Debian packages jupyter-nbconvert python3-nbclient python3-jupyter-client python3-nbformat python3-ipykernel";

    /// <summary>The folder of the test assembly (the program and the test notebooks are copied there).</summary>
    public static string BinDirectory => AppContext.BaseDirectory;

    /// <summary>The normative program's assembly, started with <c>dotnet</c>.</summary>
    public static string Program => Path.Combine(BinDirectory, "Normative.Cli.dll");

    /// <summary>A test notebook's path.</summary>
    public static string Notebook(string name) => Path.Combine(BinDirectory, "Notebooks", name);

    /// <summary>Skips the test (fails it under CI=true) unless Python and the Jupyter modules are installed.</summary>
    public static void Require()
    {
        ExternalTools.Require("jupyter", File.Exists(Python) && File.Exists(NbConvert), $"looked for {Python} and {NbConvert}; {Packages}");
        var check = Run(Python, ["-c", "import nbformat, nbclient, jupyter_client"], null, TimeSpan.FromSeconds(60));
        ExternalTools.Require("jupyter's python modules", check.ExitCode == 0, $"{Packages}; {check.Error.Trim()}");
    }

    /// <summary>Validates an nbformat file with nbformat's own validator; returns its complaint or null.</summary>
    public static string? Validate(string path)
    {
        Require();
        var result = Run(Python, ["-c", "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))", path], null, TimeSpan.FromSeconds(60));
        return result.ExitCode == 0 ? null : result.Error;
    }

    public sealed record ProcessResult(int ExitCode, string Output, string Error, TimeSpan Elapsed);

    /// <summary>Runs a program to completion (killed after <paramref name="timeout"/>).</summary>
    public static ProcessResult Run(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory ?? BinDirectory };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds} s. stderr: {error.Result}");
        }
        // A child the program left running (a kernel) would hold the pipes open: read what is there, not to end of stream.
        Task.WaitAll([output, error], TimeSpan.FromSeconds(10));
        return new ProcessResult(process.ExitCode, output.IsCompleted ? output.Result : "(output still open)", error.IsCompleted ? error.Result : "(stderr still open: a child process outlived the program)", clock.Elapsed);
    }
}
