namespace Normative.Data.Adni;

/// <summary>Inputs of <see cref="AdniImporter.Import"/>: the user's ADNI-derived tables and how to combine them.</summary>
public sealed record AdniImportOptions
{
    /// <summary>ADNIMERGE-style table: id, visit, age, sex, ADAS13 (and optionally CDR and ICV).</summary>
    public required string ClinicalPath { get; init; }

    /// <summary>CDR.csv-style table; null when the clinical table has the CDR column (mapping clinical.cdr).</summary>
    public string? CdrPath { get; init; }

    /// <summary>UC Berkeley AV45 (or AMY 6MM) regional SUVR table.</summary>
    public required string AmyloidPath { get; init; }

    /// <summary>UCSF FreeSurfer (UCSFFSX*) regional volume table.</summary>
    public required string VolumesPath { get; init; }

    /// <summary>Column mapping; null means <see cref="AdniColumnMapping.Default"/>.</summary>
    public AdniColumnMapping? Mapping { get; init; }

    /// <summary>Seed of the train / hold-out split of the controls.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Fraction of controls held out; the paper's 48 of 296 is 0.162.</summary>
    public double HoldoutFraction { get; init; } = 48.0 / 296.0;

    public string RegionSet { get; init; } = Data.RegionSet.Mmsivae;

    public string Name { get; init; } = "adni";

    /// <summary>Keep subjects that lack one modality (marked unobserved) instead of excluding them.</summary>
    public bool AllowMissingModalities { get; init; }

    /// <summary>Keep amyloid-negative subjects with CDR &gt; 0 as patients (the authors' earlier code did; mmSIVAE §4.1 does not).</summary>
    public bool IncludeAmyloidNegativePatients { get; init; }
}
