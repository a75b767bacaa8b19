using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Normative.Cli;
using Normative.Data;
using Normative.Tests.TestData;

namespace Normative.Tests.Experiments;

/// <summary>
/// Runs <c>normative reproduce --quick</c> in process, twice with the same seeds, on a tiny synthetic cohort
/// (60 training controls, 20 held-out controls, 20 patients per stage), narrowed to mmSIVAE (MoPoE) and
/// SIVAE (MRI) at d = 3, one seed, 3 epochs. Both runs use a German culture (decimal comma), so a number
/// written with the current culture instead of the invariant one shows up in the files.
/// </summary>
public sealed class ReproductionEndToEndFixture : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "normative-tests", "reproduce-" + Guid.NewGuid().ToString("N"));

    public ReproductionEndToEndFixture()
    {
        CohortFolder = Path.Combine(_root, "cohort");
        Output = Path.Combine(_root, "results");
        RepeatOutput = Path.Combine(_root, "results-repeat");
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            CohortExitCode = Run("cohort", "generate", "--out", CohortFolder, "--sizes", "60,20,20,20,20", "--seed", "3", "--calibration-size", "40");
            ExitCode = Reproduce(Output);
            RepeatExitCode = Reproduce(RepeatOutput);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    /// <summary>The methods the runs train, as their Table 1 labels (MethodCatalogue) with the regions per subject (90 per modality).</summary>
    public static IReadOnlyList<(string Key, string Label, string[] Modalities)> Methods { get; } =
    [
        ("mmsivae-mopoe", "mmSIVAE (MoPoE)", ["mri", "amyloid"]),
        ("sivae-mri", "SIVAE (MRI)", ["mri"]),
    ];

    public const int LatentDim = 3;

    public string CohortFolder { get; }

    public string Output { get; }

    public string RepeatOutput { get; }

    public int CohortExitCode { get; }

    public int ExitCode { get; }

    public int RepeatExitCode { get; }

    private int Reproduce(string output) => Run("reproduce", "--quick", "--cohort", CohortFolder,
        "--models", string.Join(",", Methods.Select(m => m.Key)), "--latents", LatentDim.ToString(CultureInfo.InvariantCulture),
        "--seeds", "0", "--epochs", "3", "--out", output);

    private static int Run(params string[] args) => NormativeCommand.Build().Parse(args).Invoke();

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}

/// <summary>
/// Issue 6: "reproduce --quick end to end on a tiny cohort: every output file exists and parses". The JSON
/// files validate against data-schemas/results.schema.json with JsonSchema.Net; the CSV files parse
/// with invariant numbers; the per-subject files have the design §8 columns; the report names Table 1 and
/// every method; the same seeds give the same Table 1.
/// </summary>
public sealed class ReproductionEndToEndTests(ReproductionEndToEndFixture run) : IClassFixture<ReproductionEndToEndFixture>
{
    /// <summary>Every JSON file of a results folder (relative path) and its definition in results.schema.json (data-schemas/README.md).</summary>
    private static readonly Dictionary<string, string> JsonDefinitions = new()
    {
        ["run.json"] = "run",
        ["calibration.json"] = "calibration",
        ["tables/table1.json"] = "table1",
        ["tables/ranking.json"] = "ranking",
        ["tables/control_reconstruction.json"] = "control_reconstruction",
        ["tables/deviation_histograms.json"] = "deviation_histograms",
        ["tables/latent_to_region.json"] = "latent_to_region",
        ["tables/cognition_association.json"] = "cognition_association",
        ["tables/planted_truth.json"] = "planted_truth",
    };

    /// <summary>The CSV files under tables/ (the Write methods of the experiment results).</summary>
    private static readonly string[] TableCsvFiles =
    [
        "table1.csv", "ranking.csv", "ranking_comparisons.csv",
        "control_reconstruction.csv", "control_reconstruction_summary.csv",
        "deviation_histograms.csv", "deviation_histograms_emd.csv",
        "latent_to_region_dimensions.csv", "latent_to_region_selection.csv", "latent_to_region_effects.csv", "latent_to_region_subjects.csv",
        "cognition_association.csv",
        "planted_truth_recovery.csv", "planted_truth_regions.csv", "planted_truth_fpr.csv",
    ];

    private static string SchemaPath => Path.Combine(JsonSchemaValidator.SchemaFolder, "results.schema.json");

    private string PathOf(string relative) => Path.Combine(run.Output, relative.Replace('/', Path.DirectorySeparatorChar));

    private static string Relative(string folder, string path) => Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/');

    [Fact]
    public void TheVerbSucceedsAndWritesEveryFile()
    {
        Assert.Equal(0, run.CohortExitCode);
        Assert.Equal(0, run.ExitCode);
        var expected = new List<string> { "report.md" };
        expected.AddRange(JsonDefinitions.Keys);
        expected.AddRange(TableCsvFiles.Select(f => "tables/" + f));
        expected.AddRange(ReproductionEndToEndFixture.Methods.Select(m => $"subjects/{m.Key}-d{ReproductionEndToEndFixture.LatentDim}.csv"));
        Assert.All(expected, f => Assert.True(File.Exists(PathOf(f)), $"{f} was not written."));
    }

    /// <summary>
    /// Issue 14: the run never fails for want of a PNG. Every figure is written as offline HTML; a PNG
    /// beside it exactly when Chromium is there (under CI=true it must be); without one the report
    /// links the HTML and says in one line how to get PNGs.
    /// </summary>
    [Fact]
    public void FiguresAreHtmlAlwaysAndPngWhereChromiumIs()
    {
        Assert.Equal(0, run.ExitCode);
        bool chromium = Normative.TestSupport.ExternalTools.ChromiumAvailableOrRequiredUnderCi();
        var html = Directory.GetFiles(PathOf("figures"), "*.html").Select(Path.GetFileNameWithoutExtension).Order().ToArray();
        var png = Directory.GetFiles(PathOf("figures"), "*.png").Select(Path.GetFileNameWithoutExtension).Order().ToArray();
        Assert.Contains("table1-likelihood-ratios", html);
        Assert.True(html.Length >= 5, $"only {html.Length} figures: {string.Join(", ", html)}");
        Assert.All(html, name => Assert.Contains("Plotly.newPlot(", File.ReadAllText(PathOf($"figures/{name}.html")), StringComparison.Ordinal));
        string report = File.ReadAllText(PathOf("report.md"));
        Assert.All(html, name => Assert.Contains($"(figures/{name}.html)", report, StringComparison.Ordinal));
        if (chromium)
        {
            Assert.Equal(html, png);
            Assert.DoesNotContain("interactive HTML only", report, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(png);
            var note = Assert.Single(report.Split('\n'), l => l.Contains("interactive HTML only", StringComparison.Ordinal));
            Assert.Contains("environment/setup-debian.sh", note, StringComparison.Ordinal);
            Assert.Contains("NORMATIVE_CHROMIUM", note, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void EveryJsonFileHasADefinitionParsesAndValidatesAgainstTheResultsSchema()
    {
        Assert.Equal(0, run.ExitCode);
        // grid/ is the grid run reproduce goes through (plan.json, tasks/, models/ with one checkpoint per grid cell;
        // data-schemas/grid.schema.json and README.md), not results.
        var cached = Directory.EnumerateFiles(Path.Combine(run.Output, "grid", "models"), "model.json", SearchOption.AllDirectories).ToArray();
        Assert.Equal(ReproductionEndToEndFixture.Methods.Count, cached.Length);
        var written = Directory.EnumerateFiles(run.Output, "*.json", SearchOption.AllDirectories).Select(p => Relative(run.Output, p))
            .Where(p => !p.StartsWith("grid/", StringComparison.Ordinal)).Order().ToArray();
        // A new JSON file must get a definition in results.schema.json (and a line in data-schemas/README.md).
        Assert.Equal(JsonDefinitions.Keys.Order(), written);
        foreach (var file in written)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(PathOf(file)));
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        }
        // Each file against its own definition (precise messages) and against the root, whose oneOf must pick exactly one.
        var checks = written.SelectMany(f => new[]
        {
            new JsonSchemaValidator.Check(PathOf(f), SchemaPath, JsonDefinitions[f]),
            new JsonSchemaValidator.Check(PathOf(f), SchemaPath),
        }).ToArray();
        var errors = JsonSchemaValidator.Validate(checks);
        var failures = checks.Zip(errors).Where(p => p.Second.Length > 0)
            .Select(p => $"{Relative(run.Output, p.First.Instance)} ({p.First.Definition ?? "root"}): {string.Join("; ", p.Second.Take(5))}").ToArray();
        Assert.True(failures.Length == 0, string.Join("\n", failures));
    }

    /// <summary>Mutations of a valid table1.json that the schema must reject: the schema check can fail.</summary>
    public static TheoryData<string> BrokenTable1 => new()
    {
        "latent_dim_as_string",
        "missing_nominal_alpha",
        "unknown_property",
        "unknown_status",
        "infinite_value_with_finite_status",
        "nan_likelihood_ratio",
        "rate_above_one",
    };

    [Theory]
    [MemberData(nameof(BrokenTable1))]
    public void TheSchemaRejectsABrokenTable1(string mutation)
    {
        Assert.Equal(0, run.ExitCode);
        var table = JsonNode.Parse(File.ReadAllText(PathOf("tables/table1.json")))!.AsObject();
        var cell = table["cells"]![0]!.AsObject();
        var ratio = cell["seeds"]![0]!["ratio"]!.AsObject();
        switch (mutation)
        {
            case "latent_dim_as_string": cell["latent_dim"] = "3"; break;
            case "missing_nominal_alpha": table.Remove("nominal_alpha"); break;
            case "unknown_property": cell["lr"] = 1.0; break;
            case "unknown_status": ratio["status"] = "Finite"; break;
            case "infinite_value_with_finite_status": ratio["status"] = "finite"; ratio["value"] = "Infinity"; break;
            case "nan_likelihood_ratio": cell["mean"] = "NaN"; break;
            case "rate_above_one": ratio["true_positive_rate"] = 1.5; break;
            default: throw new ArgumentOutOfRangeException(nameof(mutation), mutation, "Unknown mutation.");
        }
        string broken = Path.Combine(Path.GetDirectoryName(run.Output)!, $"broken-{mutation}.json");
        File.WriteAllText(broken, table.ToJsonString());
        try
        {
            var errors = JsonSchemaValidator.Validate([new(broken, SchemaPath, "table1"), new(broken, SchemaPath)]);
            Assert.NotEmpty(errors[0]);
            Assert.NotEmpty(errors[1]);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public void EveryCsvFileParsesWithInvariantNumbers()
    {
        Assert.Equal(0, run.ExitCode);
        var files = Directory.EnumerateFiles(run.Output, "*.csv", SearchOption.AllDirectories).ToArray();
        // Per method a subjects file and its calibration companion, the same two for the no-model baseline, + subjects/scored-modalities.csv
        // (refused-subjects.csv is written only when a subject was refused).
        Assert.Equal(TableCsvFiles.Length + 2 * ReproductionEndToEndFixture.Methods.Count + 2 + 1, files.Length);
        Assert.Contains(files, f => Path.GetFileName(f) == Normative.Experiments.BaselineScoresCsv.FileName);
        foreach (var file in files)
        {
            var table = CsvTable.Read(file); // throws on a row whose cell count differs from the header's
            string name = Relative(run.Output, file);
            Assert.True(table.RowCount > 0, $"{name} has no data rows.");
            Assert.Equal(table.Header.Count, table.Header.Distinct().Count());
            for (int c = 0; c < table.Header.Count; c++)
            {
                var cells = Enumerable.Range(0, table.RowCount).Select(r => table.Row(r)[c]).ToArray();
                // A column is numeric when its first non-empty cell is a number; then every non-empty cell must be.
                string? first = cells.FirstOrDefault(v => v.Length > 0);
                if (first is not null && IsNumber(first))
                {
                    int bad = Array.FindIndex(cells, v => v.Length > 0 && !IsNumber(v));
                    Assert.True(bad < 0, $"{name} row {bad + 2}, column {table.Header[c]}: '{(bad < 0 ? "" : cells[bad])}' is not an invariant number.");
                }
                int comma = Array.FindIndex(cells, DecimalComma.IsMatch);
                Assert.True(comma < 0, $"{name} row {comma + 2}, column {table.Header[c]}: '{(comma < 0 ? "" : cells[comma])}' has a decimal comma.");
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void TheSubjectsFileHasTheDesignColumns(int methodIndex)
    {
        Assert.Equal(0, run.ExitCode);
        var (key, _, modalities) = ReproductionEndToEndFixture.Methods[methodIndex];
        int d = ReproductionEndToEndFixture.LatentDim;
        var cohort = CohortLoader.Load(run.CohortFolder);
        var regionColumns = modalities.SelectMany(m => cohort.Modality(m).Regions.Ids.Select(r => $"{m}_{r}")).ToArray();
        Assert.Equal(90 * modalities.Length, regionColumns.Length); // 180 for mmSIVAE (MRI + amyloid), 90 for SIVAE (MRI)

        var table = CsvTable.Read(PathOf($"subjects/{key}-d{d}.csv"));
        // Design §8: subject_id, split, group, cdr, z_1 … z_d, d_ml, d_mf, outlier_ml, outlier_mf, rec_*, zmf_*; then the
        // p-values and the signed regional deviations res_* SubjectScoresCsv documents.
        var expected = new List<string> { "subject_id", "split", "group", "cdr" };
        expected.AddRange(Enumerable.Range(1, d).Select(k => $"z_{k}"));
        expected.AddRange(["d_ml", "d_mf", "outlier_ml", "outlier_mf"]);
        expected.AddRange(regionColumns.Select(c => "rec_" + c));
        expected.AddRange(regionColumns.Select(c => "zmf_" + c));
        expected.AddRange(["p_ml", "p_mf", "modalities", "in_training"]);
        expected.AddRange(regionColumns.Select(c => "res_" + c));
        Assert.Equal(expected, table.Header);

        // One row per subject of the cohort: training controls, held-out controls and patients; the calibration controls'
        // distances in the compact companion file.
        Assert.Equal(cohort.Subjects.Where(s => s.Split != Split.Calibration).Select(s => s.Id).Order(),
            Enumerable.Range(0, table.RowCount).Select(r => table.Cell(r, "subject_id")).Order());
        var calibration = CsvTable.Read(PathOf($"subjects/{key}-d{d}-calibration.csv"));
        Assert.Equal(cohort.Subjects.Where(s => s.Split == Split.Calibration).Select(s => s.Id).Order(),
            Enumerable.Range(0, calibration.RowCount).Select(r => calibration.Cell(r, "subject_id")).Order());
        Assert.All(Enumerable.Range(0, calibration.RowCount), r => Assert.Equal("calibration", calibration.Cell(r, "split")));
        for (int r = 0; r < table.RowCount; r++)
        {
            var subject = cohort.Subjects[cohort.IndexOf(table.Cell(r, "subject_id"))];
            Assert.Equal(subject.Split.ToString().ToLowerInvariant(), table.Cell(r, "split"));
            Assert.Equal(subject.Group.ToString().ToLowerInvariant(), table.Cell(r, "group"));
            Assert.Equal(subject.Cdr, double.Parse(table.Cell(r, "cdr"), CultureInfo.InvariantCulture));
            Assert.Contains(table.Cell(r, "outlier_ml"), new[] { "true", "false" });
            Assert.Contains(table.Cell(r, "outlier_mf"), new[] { "true", "false" });
            Assert.True(double.Parse(table.Cell(r, "d_ml"), CultureInfo.InvariantCulture) >= 0);
        }
    }

    [Fact]
    public void TheReportHasTable1AndEveryMethod()
    {
        Assert.Equal(0, run.ExitCode);
        string report = File.ReadAllText(PathOf("report.md"));
        Assert.Contains("Table 1 A", report);
        Assert.Contains("Table 1 B", report);
        Assert.All(ReproductionEndToEndFixture.Methods, m => Assert.Contains(m.Label, report));
        // The runs use a German culture: a number formatted with it would read "0,05".
        var comma = Regex.Match(report, @".*\d,\d.*");
        Assert.False(comma.Success, $"report.md has a decimal comma: {comma.Value}");
    }

    [Fact]
    public void TheCalibrationReportChecksTheBaselineOnItsOwnMeasures()
    {
        Assert.Equal(0, run.ExitCode);
        var entries = JsonNode.Parse(File.ReadAllText(PathOf("calibration.json")))!["entries"]!.AsArray();
        var baseline = entries.Where(e => (string?)e!["scoring"] == "baseline").ToArray();

        // Held-out and calibration controls, each with the baseline's distance and signed residuals (it has no latent space).
        Assert.Equal(["holdout", "calibration"], baseline.Select(e => e!["controls"]!.GetValue<string>()).ToArray());
        Assert.All(baseline, e => Assert.Equal(["feature_distance", "signed_residual"],
            e!["measures"]!.AsArray().Select(m => m!["measure"]!.GetValue<string>()).ToArray()));
        Assert.Equal(20, (int)baseline[0]!["subjects"]!);
        Assert.Equal(40, (int)baseline[1]!["subjects"]!);
        Assert.Contains("| baseline | holdout |", File.ReadAllText(PathOf("report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void RunJsonRecordsThatNoCrossFitSetTheThresholds()
    {
        Assert.Equal(0, run.ExitCode);
        var record = JsonNode.Parse(File.ReadAllText(PathOf("run.json")))!.AsObject();

        Assert.True(record.ContainsKey("cross_fit_folds"), "run.json does not say whether --cross-fit was used.");
        Assert.Null(record["cross_fit_folds"]);
    }

    [Fact]
    public void TheSameSeedsGiveTheSameTable1()
    {
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(0, run.RepeatExitCode);
        string Read(string folder, string file) => File.ReadAllText(Path.Combine(folder, "tables", file));
        Assert.Equal(Read(run.Output, "table1.csv"), Read(run.RepeatOutput, "table1.csv"));
        // The bootstrap intervals are seeded: the ranking tables repeat too.
        Assert.Equal(Read(run.Output, "ranking.csv"), Read(run.RepeatOutput, "ranking.csv"));
        Assert.Equal(Read(run.Output, "table1.json"), Read(run.RepeatOutput, "table1.json"));
    }

    private static readonly Regex DecimalComma = new(@"^[-+]?\d+,\d+([eE][-+]?\d+)?$", RegexOptions.CultureInvariant);

    /// <summary>An invariant-culture number as ResultFiles writes it: "R" round-trip, or Infinity / -Infinity / NaN.</summary>
    private static bool IsNumber(string cell) =>
        cell is "Infinity" or "-Infinity" or "NaN" || double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
