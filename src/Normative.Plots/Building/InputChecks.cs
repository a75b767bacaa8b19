namespace Normative.Plots.Building;

/// <summary>Validation shared by the figure builders: bad input fails with a message naming the series and position, never silently.</summary>
internal static class InputChecks
{
    /// <summary>Throws unless <paramref name="values"/> has <paramref name="expected"/> entries.</summary>
    public static void RequireLength<T>(IReadOnlyList<T> values, int expected, string what, string parameter)
    {
        ArgumentNullException.ThrowIfNull(values, parameter);
        if (values.Count != expected)
            throw new ArgumentException($"{what} has {values.Count} values; expected {expected}.", parameter);
    }

    /// <summary>Throws at the first value that is NaN or infinite, naming it by 1-based position (and label, if given).</summary>
    public static void RequireFinite(IReadOnlyList<double> values, string what, string parameter, IReadOnlyList<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(values, parameter);
        for (int i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                string position = labels is null ? $"value {i + 1}" : $"value {i + 1} ('{labels[i]}')";
                throw new ArgumentException($"{what}: {position} is {values[i]}; expected a finite number.", parameter);
            }
        }
    }

    /// <summary>Throws unless the list has at least one entry.</summary>
    public static void RequireAny<T>(IReadOnlyList<T> values, string what, string parameter)
    {
        ArgumentNullException.ThrowIfNull(values, parameter);
        if (values.Count == 0)
            throw new ArgumentException($"{what} is empty; a figure needs at least one.", parameter);
    }

    /// <summary>Distinct keys in order of first appearance (the order series are drawn and listed in).</summary>
    public static List<string> InOrderOfAppearance<T>(IEnumerable<T> items, Func<T, string> key)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (T item in items)
        {
            if (seen.Add(key(item)))
                order.Add(key(item));
        }
        return order;
    }
}
