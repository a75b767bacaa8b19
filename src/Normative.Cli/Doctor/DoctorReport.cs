using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Normative.Cli.Doctor;

/// <summary>
/// Runs the doctor's checks in order and presents them: a plain-text table (one row per check, its
/// status, what was found and the fix) or JSON for scripts. Exit code 0 when nothing required
/// failed (optional items only warn), 1 otherwise.
/// </summary>
internal sealed class DoctorReport
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private DoctorReport(IReadOnlyList<DoctorRow> rows) => Rows = rows;

    /// <summary>The rows, in the order of the checks.</summary>
    public IReadOnlyList<DoctorRow> Rows { get; }

    /// <summary>Whether everything the main job needs is there.</summary>
    public bool Healthy => Rows.All(r => r.Status != DoctorStatus.Fail);

    /// <summary>The process exit code: 0 when <see cref="Healthy"/>, else 1.</summary>
    public int ExitCode => Healthy ? 0 : 1;

    /// <summary>Runs every check; one that throws is reported as a problem with its message, never aborts the rest.</summary>
    /// <param name="onRow">Told after each check (to print rows as they come: the training smoke test takes seconds).</param>
    public static DoctorReport Run(IReadOnlyList<DoctorCheck> checks, Action<DoctorRow>? onRow = null)
    {
        var rows = new List<DoctorRow>(checks.Count);
        foreach (var check in checks)
        {
            var clock = Stopwatch.StartNew();
            DoctorFinding finding;
            try
            {
                finding = check.Probe();
            }
            catch (Exception e)
            {
                finding = DoctorFinding.Problem($"the check itself failed: {e.GetType().Name}: {e.Message}", "run `normative doctor --verbose` and report the message");
            }
            var status = finding.Kind switch
            {
                DoctorFindingKind.Ok => DoctorStatus.Ok,
                DoctorFindingKind.Advice => DoctorStatus.Warn,
                DoctorFindingKind.Problem => check.Required ? DoctorStatus.Fail : DoctorStatus.Warn,
                _ => throw new ArgumentOutOfRangeException(nameof(checks), finding.Kind, "Unknown finding kind."),
            };
            var row = new DoctorRow(check.Name, check.Required, status, finding.Detail, status == DoctorStatus.Ok ? null : finding.Fix, clock.Elapsed.TotalSeconds);
            rows.Add(row);
            onRow?.Invoke(row);
        }
        return new DoctorReport(rows);
    }

    /// <summary>Writes the table: check, status, what was found, and the fix under any row that is not ok; then a one-line verdict.</summary>
    public void WriteTable(TextWriter output)
    {
        int nameWidth = Math.Max("check".Length, Rows.Select(r => r.Name.Length).DefaultIfEmpty(0).Max());
        output.WriteLine($"{"check".PadRight(nameWidth)}  status  found");
        output.WriteLine($"{new string('-', nameWidth)}  ------  {new string('-', 40)}");
        foreach (var row in Rows)
        {
            output.WriteLine($"{row.Name.PadRight(nameWidth)}  {Label(row.Status),-6}  {row.Detail}");
            if (row.Fix is not null)
                output.WriteLine($"{new string(' ', nameWidth)}          fix: {row.Fix}");
        }
        output.WriteLine();
        output.WriteLine(Verdict());
    }

    /// <summary>Writes <c>{"healthy": bool, "exit_code": n, "checks": [{name, required, status, detail, fix, seconds}]}</c>.</summary>
    public void WriteJson(TextWriter output) =>
        output.WriteLine(JsonSerializer.Serialize(new { Healthy, ExitCode, Checks = Rows }, JsonOptions));

    /// <summary>One line: all good, good with warnings, or what fails.</summary>
    public string Verdict()
    {
        var failed = Rows.Where(r => r.Status == DoctorStatus.Fail).Select(r => r.Name).ToArray();
        int warnings = Rows.Count(r => r.Status == DoctorStatus.Warn);
        if (failed.Length > 0)
            return $"FAIL: {string.Join(", ", failed)} — the main job (reproduce --quick) cannot run until fixed.";
        return warnings == 0
            ? "ok: everything is in place."
            : $"ok: the main job can run; {warnings} optional item{(warnings == 1 ? "" : "s")} missing or worth changing (warn rows above).";
    }

    private static string Label(DoctorStatus status) => status switch
    {
        DoctorStatus.Ok => "ok",
        DoctorStatus.Warn => "warn",
        DoctorStatus.Fail => "FAIL",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown status."),
    };
}
