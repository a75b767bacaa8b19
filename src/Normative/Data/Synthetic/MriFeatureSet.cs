namespace Normative.Data.Synthetic;

/// <summary>One MRI feature set written as its own modality table (e.g. cortical volumes over <see cref="RegionSet.DkCortical"/>).</summary>
/// <param name="Modality">Modality name (manifest name, file name, column prefix).</param>
/// <param name="RegionSet">Its regions; every one must be in the generator's region set.</param>
public sealed record MriFeatureSet(string Modality, string RegionSet);
