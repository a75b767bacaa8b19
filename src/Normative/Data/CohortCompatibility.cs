namespace Normative.Data;

/// <summary>
/// Whether a cohort can be scored by a model fitted with a given <see cref="PreprocessingState"/>: it must carry
/// the model's modalities with the same regions in the same order and the same ICV division, and every subject
/// the covariates the model's encoding needs (age and sex always; ICV where a modality divides by it; the site
/// when the model was harmonised). A cohort that differs is refused with the <em>first</em> difference named —
/// scoring it anyway would feed region j's values into another region's weights, silently.
/// </summary>
/// <remarks>Extra modalities or columns in the cohort are ignored: the model never reads them.</remarks>
public static class CohortCompatibility
{
    /// <summary>The first way <paramref name="cohort"/> differs from what the model reads, or null when it matches.</summary>
    /// <param name="preprocessing">The model's fitted preprocessing (its data contract).</param>
    /// <param name="modalities">The modalities the model reads, in model order (a subset of the preprocessing's).</param>
    /// <param name="cohort">The cohort to be scored.</param>
    public static string? FirstMismatch(PreprocessingState preprocessing, IReadOnlyList<string> modalities, Cohort cohort)
    {
        ArgumentNullException.ThrowIfNull(preprocessing);
        ArgumentNullException.ThrowIfNull(modalities);
        ArgumentNullException.ThrowIfNull(cohort);
        bool needsIcv = false;
        foreach (var name in modalities)
        {
            var scaling = preprocessing.Modalities.FirstOrDefault(m => m.Name == name);
            if (scaling is null) return $"the model reads modality '{name}', but its preprocessing has no statistics for it";
            var table = cohort.Modalities.FirstOrDefault(t => t.Name == name);
            if (table is null)
                return $"the model reads modality '{name}', which cohort '{cohort.Name}' lacks (it has {Listing(cohort.ModalityNames)})";
            if (RegionMismatch(scaling, table, cohort.Name) is { } regions) return regions;
            if (table.Entry.DividesByIcv != scaling.DividesByIcv)
                return $"modality '{name}': the model {(scaling.DividesByIcv ? "divides" : "does not divide")} its values by ICV, " +
                    $"cohort '{cohort.Name}' {(table.Entry.DividesByIcv ? "does" : "does not")} (manifest 'normalise_by_icv')";
            needsIcv |= scaling.DividesByIcv;
        }

        // Age and sex are required columns of every cohort (the loader checks them); ICV and site are optional.
        var harmonised = preprocessing.Harmonisation?.Keys.Where(modalities.Contains).ToArray() ?? [];
        foreach (var subject in cohort.Subjects)
        {
            if (needsIcv && subject.IcvMm3 is null)
                return $"subject '{subject.Id}' has no 'icv', which the model's ICV division needs";
            if (harmonised.Length > 0 && subject.Site is null)
                return $"subject '{subject.Id}' has no 'site', which the model's site harmonisation ({string.Join(", ", harmonised)}) needs";
        }
        return null;
    }

    /// <summary>Throws, naming the first mismatch, unless <paramref name="cohort"/> matches the model.</summary>
    /// <param name="model">How to name the model in the message (e.g. its checkpoint folder).</param>
    /// <exception cref="CohortMismatchException">The cohort differs from what the model reads.</exception>
    public static void Require(PreprocessingState preprocessing, IReadOnlyList<string> modalities, Cohort cohort, string model)
    {
        if (FirstMismatch(preprocessing, modalities, cohort) is { } mismatch)
            throw new CohortMismatchException($"Cohort '{cohort.Name}' does not match model {model}: {mismatch}. " +
                "Score a cohort with the model's modalities, regions and covariates, or train a model on this cohort's layout.");
    }

    private static string? RegionMismatch(ModalityScaling scaling, ModalityTable table, string cohortName)
    {
        var cohortRegions = table.Regions.Ids.ToArray();
        string sets = scaling.RegionSet == table.Regions.Name ? $"region set '{scaling.RegionSet}'"
            : $"region set '{scaling.RegionSet}' in the model, '{table.Regions.Name}' in the cohort";
        int shared = Math.Min(scaling.Regions.Length, cohortRegions.Length);
        for (int j = 0; j < shared; j++)
            if (scaling.Regions[j] != cohortRegions[j])
                return $"modality '{scaling.Name}': region {j + 1} is '{scaling.Regions[j]}' in the model but '{cohortRegions[j]}' in cohort '{cohortName}' ({sets})";
        if (scaling.Regions.Length != cohortRegions.Length)
            return scaling.Regions.Length > cohortRegions.Length
                ? $"modality '{scaling.Name}': the model has {scaling.Regions.Length} regions, cohort '{cohortName}' {cohortRegions.Length}; the first it lacks is '{scaling.Regions[shared]}' ({sets})"
                : $"modality '{scaling.Name}': the model has {scaling.Regions.Length} regions, cohort '{cohortName}' {cohortRegions.Length}; the first extra one is '{cohortRegions[shared]}' ({sets})";
        return null;
    }

    private static string Listing(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names.Select(n => $"'{n}'"));
}
