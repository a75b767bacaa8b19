namespace Normative.Data;

/// <summary>Side of the brain a region lies on.</summary>
public enum Hemisphere
{
    Left,
    Right,
    /// <summary>Unpaired structures (brain stem, corpus callosum segments).</summary>
    Midline,
}

/// <summary>Whether a region comes from the cortical parcellation (aparc), the subcortical segmentation (aseg) or the hippocampal-subfield segmentation.</summary>
public enum RegionType
{
    Cortical,
    Subcortical,
    /// <summary>A hippocampal subfield of FreeSurfer's subfield segmentation (Iglesias et al. 2015), e.g. CA1.</summary>
    HippocampalSubfield,
}

/// <summary>
/// One brain region of the catalogue: its canonical FreeSurfer name and where to find it in ADNI tables.
/// </summary>
/// <param name="Id">Canonical id used as a column name: <c>lh_precuneus</c> for Desikan-Killiany cortex,
/// the aseg name for subcortical structures (<c>Left-Hippocampus</c>, <c>Brain-Stem</c>, <c>CC_Anterior</c>).</param>
/// <param name="Structure">The region without its hemisphere (<c>precuneus</c>, <c>Hippocampus</c>); left and
/// right homologues share it.</param>
/// <param name="Hemisphere">Side of the brain.</param>
/// <param name="Type">Cortical or subcortical.</param>
/// <param name="Lobe">Lobe for cortex (frontal, parietal, temporal, occipital, cingulate, insula; FreeSurfer-wiki
/// convention) or a coarse compartment for the rest (subcortical, ventricular, brainstem, corpus-callosum, cerebellum).</param>
/// <param name="System">A finer functional grouping used by summaries and by the synthetic generator
/// (mtl, lateral-temporal, sensorimotor, striatum, deep-grey, ...).</param>
/// <param name="FreeSurferLutId">Label id in FreeSurferColorLUT.txt.</param>
/// <param name="UcsffsxVolumeColumn">Volume column in the UCSF FreeSurfer tables (UCSFFSX*), e.g. <c>ST29SV</c>.</param>
/// <param name="UcberkeleySuvrColumns">Accepted SUVR column names in the UC Berkeley amyloid tables, first preferred (empty for hippocampal subfields).</param>
/// <param name="GgsegKey">Region key in python-ggseg's atlases, or null when ggseg cannot draw it.</param>
/// <param name="InAmyloidSummary">True when the region belongs to the UC Berkeley cortical summary (composite) SUVR.</param>
/// <param name="Presets">Names of the region sets that include the region.</param>
public sealed record Region(
    string Id,
    string Structure,
    Hemisphere Hemisphere,
    RegionType Type,
    string Lobe,
    string System,
    int FreeSurferLutId,
    string UcsffsxVolumeColumn,
    IReadOnlyList<string> UcberkeleySuvrColumns,
    string? GgsegKey,
    bool InAmyloidSummary,
    IReadOnlyList<string> Presets);
