namespace Normative.Plots;

/// <summary>A brain region as figures show it: its canonical name and the lobe (or group) it belongs to.</summary>
/// <param name="Name">Canonical region id, e.g. <c>lh_entorhinal</c> or <c>Left-Hippocampus</c>.</param>
/// <param name="Lobe">Lobe or group label from the region list, e.g. <c>temporal (MTL)</c> or <c>subcortical GM</c>.</param>
public sealed record RegionLabel(string Name, string Lobe);
