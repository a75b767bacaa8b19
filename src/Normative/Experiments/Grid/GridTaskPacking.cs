namespace Normative.Experiments.Grid;

/// <summary>
/// Bundles work items (costed by <see cref="GridCostModel"/>) into tasks of about equal cost: longest processing time
/// first — each item, most expensive first, goes to the task with the least cost so far (Graham 1969: within 4/3 of the
/// best possible longest task).
/// </summary>
public static class GridTaskPacking
{
    /// <summary>
    /// The default number of tasks: as many as fit when no task is longer than the most expensive item (items are not
    /// split), i.e. ceil(total / largest), at most the number of items.
    /// </summary>
    public static int DefaultTaskCount(IReadOnlyList<double> costs)
    {
        ArgumentNullException.ThrowIfNull(costs);
        if (costs.Count == 0) return 0;
        double largest = costs.Max();
        if (largest <= 0) return costs.Count;
        return Math.Clamp((int)Math.Ceiling(costs.Sum() / largest - 1e-9), 1, costs.Count);
    }

    /// <summary>
    /// Assigns item indices to <paramref name="taskCount"/> tasks. Deterministic: ties go to the earlier item and the
    /// lower task; within a task the items keep their grid order. Tasks that would be empty are dropped.
    /// </summary>
    /// <param name="costs">Cost of each item. Range: &gt;= 0.</param>
    /// <param name="taskCount">Number of tasks. Range: &gt;= 1 (more than the items gives one item per task).</param>
    public static IReadOnlyList<IReadOnlyList<int>> Pack(IReadOnlyList<double> costs, int taskCount)
    {
        ArgumentNullException.ThrowIfNull(costs);
        ArgumentOutOfRangeException.ThrowIfLessThan(taskCount, 1);
        int tasks = Math.Min(taskCount, Math.Max(1, costs.Count));
        var load = new double[tasks];
        var members = Enumerable.Range(0, tasks).Select(_ => new List<int>()).ToArray();
        foreach (int item in Enumerable.Range(0, costs.Count).OrderByDescending(i => costs[i]).ThenBy(i => i))
        {
            int target = 0;
            for (int t = 1; t < tasks; t++)
                if (load[t] < load[target]) target = t;
            load[target] += costs[item];
            members[target].Add(item);
        }
        return members.Where(m => m.Count > 0).Select(m => (IReadOnlyList<int>)m.Order().ToArray())
            .OrderBy(m => m[0]).ToArray();
    }
}
