namespace Normative.Data;

/// <summary>The expected <see cref="DiseaseDirection"/> of each modality unit and region, in one place.</summary>
public static class DiseaseDirections
{
    /// <summary>The lobe of the catalogue's CSF spaces (ventricles, choroid plexus).</summary>
    public const string VentricularLobe = "ventricular";

    /// <summary>
    /// Volumes (<see cref="ModalityUnit.Mm3"/>) of tissue go down, while the CSF spaces (lobe
    /// <see cref="VentricularLobe"/>: ventricles, choroid plexus) expand into the room atrophy leaves
    /// (ex-vacuo enlargement; Nestor et al., "Ventricular enlargement as a possible measure of Alzheimer's
    /// disease progression", Brain 2008); SUVR (<see cref="ModalityUnit.Suvr"/>) goes up everywhere.
    /// </summary>
    public static DiseaseDirection Of(ModalityUnit unit, Region region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return unit switch
        {
            ModalityUnit.Mm3 => region.Lobe == VentricularLobe ? DiseaseDirection.Higher : DiseaseDirection.Lower,
            ModalityUnit.Suvr => DiseaseDirection.Higher,
            _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "No documented disease direction for this unit."),
        };
    }

    /// <summary>The expected direction of every region of modality <paramref name="modality"/> of <paramref name="cohort"/>, in column order.</summary>
    public static DiseaseDirection[] Of(Cohort cohort, string modality)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var table = cohort.Modality(modality);
        return table.Regions.Regions.Select(r => Of(table.Entry.Unit, r)).ToArray();
    }

    /// <summary>-1 for <see cref="DiseaseDirection.Lower"/>, +1 for <see cref="DiseaseDirection.Higher"/>.</summary>
    public static int Sign(this DiseaseDirection direction) => direction switch
    {
        DiseaseDirection.Lower => -1,
        DiseaseDirection.Higher => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "Unknown disease direction."),
    };
}
