using System.Globalization;
using System.Text;

namespace Normative.Experiments.Slurm;

/// <summary>
/// The value of <c>sbatch --array</c> for a set of task numbers: consecutive runs folded into ranges
/// (<c>1-12</c>, <c>3,7,9-11</c>) and an optional throttle (<c>%4</c>: at most four tasks at once).
/// </summary>
public static class SlurmArraySpec
{
    /// <summary>The specification of <paramref name="tasks"/> (positive, any order, no duplicates).</summary>
    /// <param name="tasks">Array indices (the plan's task numbers). Range: each &gt;= 1; at least one.</param>
    /// <param name="maxParallel">The throttle, or null for none. Range: &gt;= 1.</param>
    public static string Of(IReadOnlyCollection<int> tasks, int? maxParallel = null)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0) throw new ArgumentException("A job array needs at least one task.", nameof(tasks));
        if (tasks.Any(t => t < 1)) throw new ArgumentOutOfRangeException(nameof(tasks), $"Task numbers start at 1; got {tasks.Min()}.");
        if (tasks.Distinct().Count() != tasks.Count) throw new ArgumentException("Task numbers must not repeat.", nameof(tasks));
        if (maxParallel is < 1) throw new ArgumentOutOfRangeException(nameof(maxParallel), maxParallel, "The throttle must be at least 1.");
        var sorted = tasks.Order().ToArray();
        var text = new StringBuilder();
        for (int i = 0; i < sorted.Length;)
        {
            int j = i;
            while (j + 1 < sorted.Length && sorted[j + 1] == sorted[j] + 1) j++;
            if (text.Length > 0) text.Append(',');
            text.Append(CultureInfo.InvariantCulture, $"{sorted[i]}");
            if (j > i) text.Append(CultureInfo.InvariantCulture, $"-{sorted[j]}");
            i = j + 1;
        }
        if (maxParallel is { } n) text.Append(CultureInfo.InvariantCulture, $"%{n}");
        return text.ToString();
    }
}
