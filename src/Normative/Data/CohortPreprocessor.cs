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
    public static PreprocessingState Fit(Cohort cohort, double ageBinWidth = 5)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var train = cohort.TrainingControlRows;
        if (train.Count == 0) throw new InvalidOperationException($"Cohort '{cohort.Name}' has no training controls to fit the preprocessing on.");
        var scalings = cohort.Modalities.Select(t => ModalityScaling.Fit(cohort, t, train)).ToArray();
        var bins = AgeBins.Fit(train.Select(i => cohort.Subjects[i].Age), ageBinWidth);
        return new PreprocessingState(FormatVersion, scalings, new CovariateEncoding(bins));
    }
}
