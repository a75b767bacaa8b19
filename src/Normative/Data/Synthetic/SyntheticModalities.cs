namespace Normative.Data.Synthetic;

/// <summary>Names of the synthetic cohort's two modalities (manifest names, file names, column prefixes).</summary>
public static class SyntheticModalities
{
    /// <summary>Regional grey-matter volumes from T1-weighted MRI (mm³, FreeSurfer-like).</summary>
    public const string Mri = "mri";

    /// <summary>Regional florbetapir (AV45) amyloid PET SUVR, whole-cerebellum reference.</summary>
    public const string Amyloid = "amyloid";
}
