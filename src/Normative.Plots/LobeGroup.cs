namespace Normative.Plots;

/// <summary>One lobe's regions, in display order.</summary>
/// <param name="Lobe">The lobe label shown above its columns.</param>
/// <param name="RegionIndices">Indices into the caller's region list.</param>
public sealed record LobeGroup(string Lobe, IReadOnlyList<int> RegionIndices);
