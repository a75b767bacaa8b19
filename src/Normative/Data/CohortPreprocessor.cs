namespace Normative.Data;

/// <summary>
/// Fits the preprocessing of design §2 on a cohort's training controls: MRI volumes divided by ICV (per the
/// manifest), each region z-scored with the training-control mean and SD (ddof = 0), age in 5-year one-hot
/// bins clamped at the ends, sex one-hot.
/// </summary>
public static class CohortPreprocessor
{
    /// <summary>Version written into <see cref="PreprocessingState.FormatVersion"/>.</summary>
    public const int FormatVersion = 1;

    /// <param name="cohort">The cohort; its training controls (split train, group control) supply every statistic.</param>
    /// <param name="ageBinWidth">Width of the age bins in years. Range: &gt; 0.</param>
    /// <param name="harmonise">Fit ComBat across the training controls' sites (every subject needs a site) and z-score the harmonised values.</param>
    public static PreprocessingState Fit(Cohort cohort, double ageBinWidth = 5, bool harmonise = false)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var train = cohort.TrainingControlRows;
        if (train.Count == 0) throw new InvalidOperationException($"Cohort '{cohort.Name}' has no training controls to fit the preprocessing on.");
        var bins = AgeBins.Fit(train.Select(i => cohort.Subjects[i].Age), ageBinWidth);
        if (!harmonise)
            return new PreprocessingState(FormatVersion, cohort.Modalities.Select(t => ModalityScaling.Fit(cohort, t, train)).ToArray(), new CovariateEncoding(bins));

        if (cohort.Subjects.FirstOrDefault(s => s.Site is null) is { } siteless)
            throw new InvalidOperationException($"Subject '{siteless.Id}' of cohort '{cohort.Name}' has no site; ComBat harmonisation needs a 'site' for every subject.");
        var scalings = new List<ModalityScaling>();
        var combats = new Dictionary<string, Harmonisation.ComBat>(StringComparer.Ordinal);
        foreach (var table in cohort.Modalities)
        {
            var rows = train.Where(table.IsObserved).ToArray();
            var divided = rows.Select(i => Enumerable.Range(0, table.Regions.Count)
                .Select(j => table.Entry.DividesByIcv ? table.Row(i)![j] / cohort.Subjects[i].RequireIcv() : table.Row(i)![j]).ToArray()).ToArray();
            var matrix = new double[rows.Length, table.Regions.Count];
            for (int r = 0; r < rows.Length; r++)
                for (int j = 0; j < table.Regions.Count; j++) matrix[r, j] = divided[r][j];
            var subjects = rows.Select(i => cohort.Subjects[i]).ToArray();
            var combat = Harmonisation.ComBat.Fit(matrix, subjects.Select(s => s.Site!).ToArray(), subjects.Select(s => s.Age).ToArray(), subjects.Select(s => s.Sex == Sex.Male).ToArray());
            combats[table.Name] = combat;
            scalings.Add(ModalityScaling.FitValues(table, divided.Select((v, r) => combat.Adjust(v, subjects[r].Site!, subjects[r].Age, subjects[r].Sex == Sex.Male)).ToArray()));
        }
        return new PreprocessingState(FormatVersion, scalings.ToArray(), new CovariateEncoding(bins)) { Harmonisation = combats };
    }
}
