using System.Diagnostics;
using System.Globalization;

namespace Normative.Experiments.Slurm;

/// <summary>
/// The two Slurm client commands <c>normative grid slurm</c> needs: <c>sbatch --parsable</c> to submit a script and
/// <c>squeue</c> to see which array tasks of an earlier submission are still queued or running (so a resubmission does
/// not start them twice). No accounting database is needed (no <c>sacct</c>).
/// </summary>
public static class SlurmClient
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Submits <paramref name="script"/>, after job <paramref name="afterOk"/> succeeds when given; returns the job id.</summary>
    /// <exception cref="InvalidOperationException">sbatch is missing or refused the script (its message is included).</exception>
    public static string Submit(string script, string? afterOk = null)
    {
        var arguments = new List<string> { "--parsable" };
        if (afterOk is not null) arguments.Add($"--dependency=afterok:{afterOk}");
        arguments.Add(script);
        var (exit, output, error) = Run("sbatch", arguments);
        if (exit != 0) throw new InvalidOperationException($"sbatch {string.Join(' ', arguments)} failed (exit {exit}): {error.Trim()}");
        // --parsable prints "jobid" or "jobid;cluster".
        string id = output.Trim().Split(';')[0];
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw new InvalidOperationException($"sbatch printed '{output.Trim()}', not a job id.");
        return id;
    }

    /// <summary>The array indices of job <paramref name="arrayJob"/> that are still pending or running; empty when Slurm no longer lists the job.</summary>
    public static IReadOnlyList<int> QueuedTasks(string arrayJob)
    {
        var (exit, output, _) = Run("squeue", ["-h", "-r", "-j", arrayJob, "-o", "%K %T"]);
        if (exit != 0) return [];
        var tasks = new List<int>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int task)
                && parts[1] is "PENDING" or "RUNNING" or "CONFIGURING" or "COMPLETING" or "REQUEUED" or "RESIZING" or "SUSPENDED")
                tasks.Add(task);
        }
        return tasks;
    }

    private static (int Exit, string Output, string Error) Run(string file, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{file} was not found ({e.Message}); is this a Slurm login node? (Locally: sudo bash environment/slurm-local.sh start.)", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} did not answer within {Timeout.TotalSeconds:0} s; is slurmctld up?");
            }
            return (process.ExitCode, output.Result, error.Result);
        }
    }
}
