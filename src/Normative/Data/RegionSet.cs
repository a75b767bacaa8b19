namespace Normative.Data;

/// <summary>
/// A named, ordered list of regions: the columns of one modality table. The order is the catalogue
/// order (left cortex, right cortex, subcortical), which is also the feature order of the tensors.
/// </summary>
public sealed class RegionSet
{
    /// <summary>The default set: 66 Desikan-Killiany cortical regions (34 per hemisphere minus
    /// <c>bankssts</c>) and the 24 subcortical structures left by the authors' released code.</summary>
    public const string Mmsivae = "mmsivae";

    /// <summary>The alternative: the same 66 cortical regions and 12 subcortical structures per hemisphere
    /// (the 8 grey-matter structures, lateral and inferior-lateral ventricles, cerebellar cortex and white matter).</summary>
    public const string Classic12 = "classic12";

    /// <summary>The 66 Desikan-Killiany cortical regions alone: mmNormVAE's cortical feature set.</summary>
    public const string DkCortical = "dk-cortical";

    /// <summary>Every aseg subcortical structure of the catalogue (32: the mmsivae and classic12 structures together):
    /// mmNormVAE's subcortical feature set.</summary>
    public const string AsegSubcortical = "aseg-subcortical";

    /// <summary>Eight FreeSurfer hippocampal subfields per hemisphere (16): mmNormVAE's hippocampal feature set.</summary>
    public const string HippocampalSubfields = "hippocampal-subfields";

    /// <summary>The union of the three mmNormVAE feature sets (114 regions), the set the two-study generator draws.</summary>
    public const string MmNormVae = "mmnormvae";

    private readonly Dictionary<string, int> _index;

    public RegionSet(string name, IReadOnlyList<Region> regions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(regions);
        Name = name;
        Regions = regions;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int j = 0; j < regions.Count; j++)
        {
            if (!_index.TryAdd(regions[j].Id, j))
                throw new ArgumentException($"Region '{regions[j].Id}' appears twice in region set '{name}'.", nameof(regions));
        }
    }

    public string Name { get; }

    public IReadOnlyList<Region> Regions { get; }

    /// <summary>Number of regions p.</summary>
    public int Count => Regions.Count;

    /// <summary>The region ids in feature order.</summary>
    public IEnumerable<string> Ids => Regions.Select(r => r.Id);

    /// <summary>Position of <paramref name="regionId"/> in the set, or -1.</summary>
    public int IndexOf(string regionId) => _index.TryGetValue(regionId, out int j) ? j : -1;

    public bool Contains(string regionId) => _index.ContainsKey(regionId);

    public override string ToString() => $"{Name} ({Count} regions)";
}
