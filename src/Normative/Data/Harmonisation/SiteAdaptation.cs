namespace Normative.Data.Harmonisation;

/// <summary>
/// Admits sites a ComBat-harmonised model never saw: per site and modality, <see cref="ComBat.AdaptSite"/> from that site's
/// controls in a cohort (ICV-divided like the training data), keeping everything fitted on the training controls.
/// The one home of <c>score --adapt-site</c> and the mmNormVAE experiment's adaptation.
/// </summary>
public static class SiteAdaptation
{
    /// <summary>The preprocessing with every site of <paramref name="sites"/> adapted, and the ids of the controls used
    /// (they are in-sample for their site afterwards).</summary>
    /// <param name="preprocessing">A state fitted with harmonisation.</param>
    /// <param name="cohort">The cohort holding the sites' controls.</param>
    /// <param name="sites">Site labels to adapt.</param>
    /// <param name="isAdaptationControl">Which subjects of a site may be used (default: every control of the site).</param>
    public static (PreprocessingState State, IReadOnlySet<string> ControlIds) Adapt(PreprocessingState preprocessing, Cohort cohort,
        IEnumerable<string> sites, Func<Subject, bool>? isAdaptationControl = null)
    {
        ArgumentNullException.ThrowIfNull(preprocessing);
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(sites);
        if (preprocessing.Harmonisation is null)
            throw new InvalidOperationException("Adapting a site needs a model trained with ComBat harmonisation (--harmonise combat); this one was trained without it.");
        var use = isAdaptationControl ?? (s => s.Group == SubjectGroup.Control);
        var harmonisation = preprocessing.Harmonisation.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var site in sites)
        {
            foreach (var (modality, combat) in harmonisation.ToArray())
            {
                var table = cohort.Modality(modality);
                var scaling = preprocessing.Modality(modality);
                var rows = cohort.Rows(s => s.Site == site && use(s)).Where(table.IsObserved).ToArray();
                if (rows.Length < ComBat.MinimumSiteControls)
                    throw new InvalidOperationException($"Adapting site '{site}': cohort '{cohort.Name}' has {rows.Length} controls of site '{site}' with modality '{modality}'; at least {ComBat.MinimumSiteControls} are needed.");
                var values = new double[rows.Length, scaling.Regions.Length];
                for (int r = 0; r < rows.Length; r++)
                {
                    var divided = scaling.Divide(table.Row(rows[r])!, cohort.Subjects[rows[r]].IcvMm3);
                    for (int j = 0; j < divided.Length; j++) values[r, j] = divided[j];
                }
                harmonisation[modality] = combat.AdaptSite(site, values, rows.Select(i => cohort.Subjects[i].Age).ToArray(), rows.Select(i => cohort.Subjects[i].Sex == Sex.Male).ToArray());
                ids.UnionWith(rows.Select(i => cohort.Subjects[i].Id));
            }
        }
        return (preprocessing with { Harmonisation = harmonisation }, ids);
    }
}
