namespace Normative.Data.Adni;

/// <summary>
/// Which columns of the user's ADNI tables hold what (data-schemas/adni-column-mapping.json, embedded as the
/// default). ADNI column names come from the ADNI data dictionaries (domain-notes §1); regional columns
/// default to the region catalogue and can be overridden per region.
/// </summary>
public sealed record AdniColumnMapping
{
    private const string ResourceName = "Normative.Data.Adni.adni-column-mapping.json";

    public int FormatVersion { get; init; } = 1;

    public string? Description { get; init; }

    /// <summary>Visit codes taken as the baseline visit (rows with other codes are ignored, by design).</summary>
    public required IReadOnlyList<string> VisitCodes { get; init; }

    /// <summary>Cell texts meaning "not measured" (ADNI uses -1 and -4); negative numbers count as missing too.</summary>
    public required IReadOnlyList<string> MissingCodes { get; init; }

    public required ClinicalColumns Clinical { get; init; }

    /// <summary>Codes of the sex column mapped to F / M.</summary>
    public required IReadOnlyDictionary<string, string> SexCodes { get; init; }

    /// <summary>The CDR table; unused when <see cref="ClinicalColumns.Cdr"/> names a column of the clinical table.</summary>
    public required CdrColumns Cdr { get; init; }

    public required AmyloidColumns Amyloid { get; init; }

    public required VolumeColumns Volumes { get; init; }

    /// <summary>Per modality ("mri", "amyloid"), region id to source column(s), overriding the catalogue.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> RegionColumns { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    public static AdniColumnMapping Default => LazyDefault.Value;

    private static readonly Lazy<AdniColumnMapping> LazyDefault =
        new(() => DataJson.Parse<AdniColumnMapping>(EmbeddedData.ReadText(ResourceName), "adni-column-mapping.json (embedded)"));

    public static AdniColumnMapping Load(string path) => DataJson.Read<AdniColumnMapping>(path);

    /// <summary>Candidate source columns of <paramref name="region"/> for <paramref name="modality"/> ("mri" or "amyloid"), preferred first.</summary>
    public IReadOnlyList<string> ColumnsFor(string modality, Region region)
    {
        if (RegionColumns.TryGetValue(modality, out var overrides) && overrides.TryGetValue(region.Id, out var column))
            return column.Split('|');
        return modality == AdniImporter.Mri ? [region.UcsffsxVolumeColumn] : region.UcberkeleySuvrColumns;
    }
}

/// <summary>ADNIMERGE-style demographics and cognition.</summary>
public sealed record ClinicalColumns(string Id, string Visit, string Age, string Sex, string Adas13, string? Cdr = null, string? Icv = null);

/// <summary>CDR.csv: global CDR per visit.</summary>
public sealed record CdrColumns(string Id, string Visit, string Cdr);

/// <summary>UC Berkeley amyloid PET table: status (or summary SUVR and cut-off) and the reference region.</summary>
/// <param name="Id">Subject id column (RID).</param>
/// <param name="Visit">Visit code column.</param>
/// <param name="Positive">0/1 positivity column; null to threshold <paramref name="Summary"/> instead.</param>
/// <param name="Summary">Cortical summary SUVR column (whole-cerebellum reference).</param>
/// <param name="PositivityThreshold">Summary SUVR at or above which a subject is amyloid-positive (1.11 for AV45).</param>
/// <param name="Reference">Whole-cerebellum SUVR column: if its median is within <paramref name="ReferenceTolerance"/> of 1
/// the regional values are already whole-cerebellum-normalised, otherwise they are divided by it (domain-notes §1.1).</param>
/// <param name="ReferenceTolerance">Largest |median - 1| of the reference column taken as "already normalised".</param>
public sealed record AmyloidColumns(string Id, string Visit, string? Positive, string? Summary, double PositivityThreshold,
    string? Reference, double ReferenceTolerance);

/// <summary>UCSF FreeSurfer table (UCSFFSX*): ICV column and the quality-control filter.</summary>
public sealed record VolumeColumns(string Id, string Visit, string Icv, string? Qc, IReadOnlyList<string> QcPass);
