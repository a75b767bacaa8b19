namespace Normative.Data;

/// <summary>
/// Every region the package knows, read from the embedded data file <c>region-catalogue.csv</c>
/// (canonical FreeSurfer names, hemisphere, lobe, ADNI column names, preset membership).
/// </summary>
/// <remarks>
/// The default preset follows the released code of Kumar et al. (ISBI 2024, SayantanKumar/ISBI_MoPoE,
/// <c>data_utils.py</c>), which drops <c>bankssts</c> from both hemispheres and keeps 24 subcortical
/// structures; data-schemas/README.md explains the choice.
/// </remarks>
public sealed class RegionCatalogue
{
    private const string ResourceName = "Normative.Data.region-catalogue.csv";
    private static readonly Lazy<RegionCatalogue> LazyDefault = new(LoadEmbedded);

    private readonly Dictionary<string, Region> _byId;

    private RegionCatalogue(IReadOnlyList<Region> regions)
    {
        All = regions;
        _byId = regions.ToDictionary(r => r.Id, StringComparer.Ordinal);
        PresetNames = regions.SelectMany(r => r.Presets).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The catalogue shipped with the package.</summary>
    public static RegionCatalogue Default => LazyDefault.Value;

    /// <summary>Every region, in catalogue order.</summary>
    public IReadOnlyList<Region> All { get; }

    /// <summary>Names of the region sets (presets) defined by the catalogue.</summary>
    public IReadOnlyList<string> PresetNames { get; }

    /// <summary>The region with <paramref name="id"/>; throws when unknown.</summary>
    public Region Get(string id) =>
        _byId.TryGetValue(id, out var region) ? region : throw new KeyNotFoundException($"Unknown region '{id}'.");

    public bool TryGet(string id, out Region region) => _byId.TryGetValue(id, out region!);

    /// <summary>The region set called <paramref name="name"/> (e.g. <see cref="RegionSet.Mmsivae"/>).</summary>
    public RegionSet Set(string name)
    {
        if (!PresetNames.Contains(name, StringComparer.Ordinal))
            throw new ArgumentException($"Unknown region set '{name}'; known sets: {string.Join(", ", PresetNames)}.", nameof(name));
        return new RegionSet(name, All.Where(r => r.Presets.Contains(name, StringComparer.Ordinal)).ToArray());
    }

    private static RegionCatalogue LoadEmbedded()
    {
        using var stream = EmbeddedData.Open(ResourceName);
        var table = CsvTable.Read(stream, "region-catalogue.csv");
        var regions = new List<Region>();
        for (int i = 0; i < table.RowCount; i++)
        {
            string Cell(string column) => table.Cell(i, column);
            regions.Add(new Region(
                Id: Cell("id"),
                Structure: Cell("structure"),
                Hemisphere: Enum.Parse<Hemisphere>(Cell("hemisphere"), ignoreCase: true),
                Type: Enum.Parse<RegionType>(Cell("type"), ignoreCase: true),
                Lobe: Cell("lobe"),
                System: Cell("system"),
                FreeSurferLutId: int.Parse(Cell("freesurfer_lut_id"), System.Globalization.CultureInfo.InvariantCulture),
                UcsffsxVolumeColumn: Cell("ucsffsx_volume"),
                UcberkeleySuvrColumns: Cell("ucberkeley_suvr") is { Length: > 0 } suvr ? suvr.Split('|') : [],
                GgsegKey: Cell("ggseg_key") is { Length: > 0 } key ? key : null,
                InAmyloidSummary: bool.Parse(Cell("amyloid_summary")),
                Presets: Cell("presets").Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        }
        return new RegionCatalogue(regions);
    }
}
