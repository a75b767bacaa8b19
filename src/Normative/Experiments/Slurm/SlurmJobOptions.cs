using System.Text.RegularExpressions;

namespace Normative.Experiments.Slurm;

/// <summary>
/// The <c>#SBATCH</c> settings of the scripts <c>normative grid slurm</c> writes. Every value is checked before it
/// reaches a script, so a typo fails here with the option named, not later inside the scheduler (and nothing a user
/// types can add shell commands to a script).
/// </summary>
public sealed partial record SlurmJobOptions
{
    /// <summary>Partition (<c>--partition</c>); null uses the cluster's default.</summary>
    public string? Partition { get; init; }

    /// <summary>Wall-time limit per task (<c>--time</c>: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS); null uses the partition's default.</summary>
    public string? Time { get; init; }

    /// <summary>Memory per task (<c>--mem</c>, e.g. 4G or 4000M); null uses the partition's default.</summary>
    public string? Memory { get; init; }

    /// <summary>At most this many array tasks at once (the <c>%N</c> of <c>--array</c>); null lets Slurm decide. Range: &gt;= 1.</summary>
    public int? MaxParallel { get; init; }

    /// <summary>CPUs per task (<c>--cpus-per-task</c>): the torch threads the plan trains with. Range: &gt;= 1.</summary>
    public int CpusPerTask { get; init; } = 1;

    /// <summary>Name of the array job; the merge job is named <c>{JobName}-merge</c>.</summary>
    public string JobName { get; init; } = "normative-grid";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (Partition is not null && !NamePattern().IsMatch(Partition))
            throw new ArgumentException($"--partition '{Partition}' is not a partition name (letters, digits, '_', '-', '.', ',' for several).");
        if (Time is not null && !TimePattern().IsMatch(Time))
            throw new ArgumentException($"--time '{Time}' is not a Slurm time: use minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS (e.g. 2:00:00 or 1-00).");
        if (Memory is not null && !MemoryPattern().IsMatch(Memory))
            throw new ArgumentException($"--mem '{Memory}' is not a Slurm memory size: a whole number with an optional unit K, M, G or T (e.g. 4G, 4000M).");
        if (MaxParallel is < 1) throw new ArgumentException($"--max-parallel must be at least 1, not {MaxParallel}.");
        if (CpusPerTask < 1) throw new ArgumentException($"CPUs per task must be at least 1, not {CpusPerTask}.");
        if (!NamePattern().IsMatch(JobName)) throw new ArgumentException($"Job name '{JobName}' must be letters, digits, '_', '-' or '.'.");
    }

    [GeneratedRegex("^[A-Za-z0-9_.,-]+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^(\d+|\d+:\d{1,2}|\d+:\d{1,2}:\d{1,2}|\d+-\d{1,2}|\d+-\d{1,2}:\d{1,2}|\d+-\d{1,2}:\d{1,2}:\d{1,2})$")]
    private static partial Regex TimePattern();

    [GeneratedRegex("^[1-9][0-9]*[KMGT]?$")]
    private static partial Regex MemoryPattern();
}
