using System.Globalization;
using Normative.Cli;

namespace Normative.Tests.Experiments.Grid;

/// <summary>
/// A tiny cohort (60 training controls, 20 held-out controls, 20 patients per stage, 40 calibration controls) and one
/// uninterrupted <c>reproduce</c> of a small grid on it — a stacked model (mmSIVAE-MoPoE, seeds 0 and 1 as one stack)
/// and one that trains alone (JNF), at d = 3 and 4, 20 epochs — that the grid tests compare against.
/// </summary>
public sealed class GridRunFixture : IDisposable
{
    public GridRunFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "normative-tests", "grid-" + Guid.NewGuid().ToString("N"));
        CohortFolder = Path.Combine(Root, "cohort");
        Reference = Path.Combine(Root, "reference");
        int exit = Run("cohort", "generate", "--out", CohortFolder, "--sizes", "60,20,20,20,20", "--seed", "3", "--calibration-size", "40");
        if (exit != 0) throw new InvalidOperationException($"cohort generate exited with {exit}.");
        ReferenceExitCode = Run(["reproduce", .. Options, "--out", Reference, "--no-figures"]);
    }

    /// <summary>The options every run of these tests shares (reproduce's and grid plan's).</summary>
    public string[] Options => ["--quick", "--cohort", CohortFolder, "--models", "mmsivae-mopoe,jnf", "--latents", "3,4", "--seeds", "0,1", "--epochs", "20"];

    public string Root { get; }

    public string CohortFolder { get; }

    /// <summary>The results of the uninterrupted reproduce (worker processes, the default for this machine).</summary>
    public string Reference { get; }

    public int ReferenceExitCode { get; }

    /// <summary>A fresh folder under the fixture's root.</summary>
    public string NewFolder(string name) => Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..8]);

    public static int Run(params string[] args) => NormativeCommand.Build().Parse(args).Invoke();

    /// <summary>The native launcher of the CLI in the test output folder (what reproduce starts its workers with).</summary>
    public static string Launcher => Path.ChangeExtension(typeof(NormativeCommand).Assembly.Location, OperatingSystem.IsWindows() ? ".exe" : null);

    /// <summary>
    /// Asserts that two results folders hold the same numbers: every table (CSV and JSON) and per-subject file byte for
    /// byte, and run.json apart from wall times and the training time of each model (its own run's clock).
    /// </summary>
    public static void AssertSameResults(string expected, string actual)
    {
        string[] Files(string root) => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => f.StartsWith("tables/", StringComparison.Ordinal) || f.StartsWith("subjects/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToArray();
        var files = Files(expected);
        Assert.NotEmpty(files);
        Assert.Equal(files, Files(actual));
        foreach (string file in files)
            Assert.True(File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))), $"{file} differs between {expected} and {actual}.");
        Assert.Equal(RunJsonWithoutClocks(expected), RunJsonWithoutClocks(actual));
    }

    private static string RunJsonWithoutClocks(string folder)
    {
        var run = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "run.json")))!.AsObject();
        run.Remove("started");
        run.Remove("wall_seconds");
        run.Remove("cohort_source");
        foreach (var timing in run["runs"]!.AsArray()) timing!.AsObject().Remove("training_seconds");
        return run.ToJsonString();
    }

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }

    /// <summary>Invariant text of an integer for command lines.</summary>
    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
