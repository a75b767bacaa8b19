namespace Normative.Data;

/// <summary>
/// One modality's raw values, aligned to the cohort's subjects: row i belongs to subject i, columns follow
/// <see cref="Regions"/>. A subject without the modality has a null row (never zeros or imputed values).
/// </summary>
public sealed class ModalityTable
{
    private readonly double[]?[] _rows;

    public ModalityTable(ModalityEntry entry, RegionSet regions, IReadOnlyList<double[]?> rows)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(rows);
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i] is { } row && row.Length != regions.Count)
                throw new ArgumentException($"Row {i} of modality '{entry.Name}' has {row.Length} values; expected {regions.Count}.", nameof(rows));
        }
        Entry = entry;
        Regions = regions;
        _rows = rows.ToArray();
    }

    /// <summary>The manifest entry (name, file, unit, region set, missing policy).</summary>
    public ModalityEntry Entry { get; }

    public string Name => Entry.Name;

    public RegionSet Regions { get; }

    /// <summary>Number of subject rows (equals the cohort's subject count).</summary>
    public int RowCount => _rows.Length;

    /// <summary>The raw values of subject row <paramref name="i"/>, or null when the modality is missing.</summary>
    public double[]? Row(int i) => _rows[i];

    public bool IsObserved(int i) => _rows[i] is not null;

    /// <summary>Number of subjects that have this modality.</summary>
    public int ObservedCount => _rows.Count(r => r is not null);
}
