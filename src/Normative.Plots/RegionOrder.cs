namespace Normative.Plots;

/// <summary>
/// Orders regions lobe by lobe (frontal to occipital, then insula, then subcortical structures)
/// so that neighbouring columns in a regional figure are anatomically related, as in the
/// lobe-ordered atlas views of the paper's Fig 3 and Fig 5B.
/// </summary>
public static class RegionOrder
{
    /// <summary>
    /// The default lobe order. A region's lobe matches an entry when it equals the entry or starts
    /// with the entry followed by a space, so <c>temporal (MTL)</c> falls under <c>temporal</c>.
    /// </summary>
    public static IReadOnlyList<string> DefaultLobes { get; } =
        ["frontal", "cingulate", "parietal", "temporal", "occipital", "insula", "subcortical", "midline"];

    /// <summary>
    /// Groups regions by lobe in <paramref name="lobeOrder"/> (default <see cref="DefaultLobes"/>);
    /// lobes not in the order follow, in order of first appearance. Within a lobe the input order is kept.
    /// </summary>
    /// <returns>The lobe-ordered groups: each with its label and the input indices of its regions.</returns>
    public static IReadOnlyList<LobeGroup> ByLobe(IReadOnlyList<RegionLabel> regions, IReadOnlyList<string>? lobeOrder = null)
    {
        ArgumentNullException.ThrowIfNull(regions);
        IReadOnlyList<string> order = lobeOrder ?? DefaultLobes;
        var groups = new List<(int Rank, string Lobe, List<int> Indices)>();
        for (int i = 0; i < regions.Count; i++)
        {
            RegionLabel region = regions[i] ?? throw new ArgumentException($"Region {i + 1} is null.", nameof(regions));
            string label = MajorLobe(region.Lobe, order);
            int index = groups.FindIndex(g => string.Equals(g.Lobe, label, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                int rank = IndexOf(order, label);
                groups.Add((rank < 0 ? order.Count + groups.Count : rank, label, new List<int>()));
                index = groups.Count - 1;
            }
            groups[index].Indices.Add(i);
        }
        return groups.OrderBy(g => g.Rank).Select(g => new LobeGroup(g.Lobe, g.Indices)).ToList();
    }

    /// <summary>The region indices of <see cref="ByLobe"/>, flattened into one permutation.</summary>
    public static int[] Permutation(IReadOnlyList<LobeGroup> groups) => groups.SelectMany(g => g.RegionIndices).ToArray();

    private static string MajorLobe(string lobe, IReadOnlyList<string> order)
    {
        string trimmed = (lobe ?? string.Empty).Trim();
        foreach (string entry in order)
        {
            if (string.Equals(trimmed, entry, StringComparison.OrdinalIgnoreCase)
                || trimmed.StartsWith(entry + " ", StringComparison.OrdinalIgnoreCase))
                return entry;
        }
        return trimmed.Length == 0 ? "unassigned" : trimmed;
    }

    private static int IndexOf(IReadOnlyList<string> order, string label)
    {
        for (int i = 0; i < order.Count; i++)
        {
            if (string.Equals(order[i], label, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        return -1;
    }
}
