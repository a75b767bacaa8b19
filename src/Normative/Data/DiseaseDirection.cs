namespace Normative.Data;

/// <summary>
/// The direction in which Alzheimer's disease is expected to move a modality's regional values, so a signed
/// deviation can be read (and scored) without guessing: the sign of <c>x - x̂</c> a patient should show.
/// </summary>
/// <remarks>
/// Tissue volumes (mm³) shrink with neurodegeneration and the CSF spaces grow into the room they leave
/// (Jack et al., "Tracking pathophysiological processes in Alzheimer's disease", Lancet Neurol 2013); amyloid PET SUVR rises as plaques accumulate (Klunk et al.,
/// "Imaging brain amyloid in Alzheimer's disease with Pittsburgh Compound-B", Ann Neurol 2004). The synthetic
/// generator plants exactly these signs (atrophy negative, choroid-plexus enlargement and amyloid positive);
/// <see cref="DiseaseDirections"/> gives the direction per unit and region.
/// </remarks>
public enum DiseaseDirection
{
    /// <summary>Disease lowers the values (MRI tissue volume: atrophy). Expected residual sign -1.</summary>
    Lower = -1,

    /// <summary>Disease raises the values (amyloid SUVR: accumulation; ventricular volume: ex-vacuo enlargement). Expected residual sign +1.</summary>
    Higher = 1,
}
