using MathNet.Numerics.Distributions;

namespace Normative.Deviation;

/// <summary>One measure's calibration on one set of controls: its z-score moments and exceedance at each level.</summary>
/// <param name="Measure">Which measure.</param>
/// <param name="Moments">Moments of the z-scores (for a distance: of z = Φ^-1(1 - p_mid), see <see cref="ControlCalibration"/>).</param>
/// <param name="Exceedances">Observed against expected exceedance per level, in the options' order.</param>
public sealed record MeasureCalibration(CalibrationMeasure Measure, ZScoreMoments Moments, IReadOnlyList<CalibrationExceedance> Exceedances);

/// <summary>
/// The calibration of every deviation measure on one set of controls scored out of sample (controls neither the
/// network nor the reference saw): if the model and its reference describe healthy variation, their p-values are
/// uniform and their z-scores standard normal, so mean, sd, skewness and excess kurtosis are 0, 1, 0, 0 and a fraction
/// alpha of values lies beyond each alpha threshold (issue 20; PCNtoolkit's calibration descriptives, domain-notes §4.3 item 9).
/// </summary>
/// <remarks>
/// A distance's p-value is read as z = Φ^-1(1 - p_mid) with the mid-p p_mid = p - step/2, step the p-value grid of an
/// empirical threshold (<see cref="OutlierThreshold.PValueStep"/>, 0 for chi-square): the conformal p-value
/// (1 + #{reference &gt;= D^2}) / (n + 1) is 1 for the least deviant control, which has no finite z, while its mid-p
/// is symmetric about 1/2 under exchangeability.
/// </remarks>
/// <param name="Scoring">What scored the controls (a model and latent size, a run key, a checkpoint).</param>
/// <param name="Controls">Which controls (e.g. holdout, calibration, training-cross-fitted, scored).</param>
/// <param name="Site">The site these controls come from; null for all sites together.</param>
/// <param name="Subjects">Number of controls.</param>
/// <param name="Measures">Every measure the scores carry, in <see cref="CalibrationMeasures.All"/> order.</param>
public sealed record ControlCalibration(string Scoring, string Controls, string? Site, int Subjects, IReadOnlyList<MeasureCalibration> Measures)
{
    /// <summary>
    /// The calibration of <paramref name="deviations"/> (scores of controls only), for all of them and, when
    /// <paramref name="sites"/> names any site, for each site's controls alone (sites in ordinal order; controls without a
    /// site form no site entry).
    /// </summary>
    /// <param name="sites">Per row of <paramref name="deviations"/> its site or null; null when the cohort has no sites.</param>
    /// <param name="rows">The rows of <paramref name="deviations"/> that are controls scored out of sample; null = every row.</param>
    /// <exception cref="ArgumentException">There are no controls, or the sites do not match the rows.</exception>
    public static IReadOnlyList<ControlCalibration> Compute(string scoring, string controls, CalibrationScores deviations,
        IReadOnlyList<string?>? sites = null, CalibrationOptions? options = null, IReadOnlyList<int>? rows = null)
    {
        ArgumentNullException.ThrowIfNull(scoring);
        ArgumentNullException.ThrowIfNull(controls);
        ArgumentNullException.ThrowIfNull(deviations);
        options ??= CalibrationOptions.Default;
        int n = deviations.Count;
        if (sites is not null && sites.Count != n) throw new ArgumentException($"{sites.Count} sites for {n} scored subjects.", nameof(sites));
        int[] selected = rows?.ToArray() ?? Enumerable.Range(0, n).ToArray();
        if (selected.Any(i => i < 0 || i >= n)) throw new ArgumentOutOfRangeException(nameof(rows), "A row lies outside the scored subjects.");
        if (selected.Length == 0) throw new ArgumentException($"No {controls} controls to check the calibration of {scoring} on.", nameof(deviations));
        var result = new List<ControlCalibration> { Of(scoring, controls, null, deviations, selected, options) };
        if (sites is not null)
        {
            foreach (var site in selected.Select(i => sites[i]).Where(s => s is not null).Distinct().Order(StringComparer.Ordinal))
                result.Add(Of(scoring, controls, site, deviations, selected.Where(i => sites[i] == site).ToArray(), options));
        }
        return result;
    }

    private static ControlCalibration Of(string scoring, string controls, string? site, CalibrationScores d, int[] rows, CalibrationOptions options)
    {
        var measures = new List<MeasureCalibration>();
        if (d.LatentDistance is { } latentDistance) measures.Add(Distance(CalibrationMeasure.LatentDistance, latentDistance.PValues, latentDistance.Steps, rows, options));
        if (d.FeatureDistance is { } featureDistance) measures.Add(Distance(CalibrationMeasure.FeatureDistance, featureDistance.PValues, featureDistance.Steps, rows, options));
        if (d.LatentZ is { } latentZ && ZScores(CalibrationMeasure.LatentZ, latentZ, rows, options) is { } latent) measures.Add(latent);
        if (d.RegionalZ is { } regionalZ && ZScores(CalibrationMeasure.RegionalZ, regionalZ, rows, options) is { } regional) measures.Add(regional);
        if (d.SignedResidual is { } signed && ZScores(CalibrationMeasure.SignedResidual, signed, rows, options) is { } residual) measures.Add(residual);
        if (measures.Count == 0) throw new ArgumentException($"The scores of {scoring} carry no deviation measure to check.", nameof(d));
        return new ControlCalibration(scoring, controls, site, rows.Length, measures);
    }

    private static MeasureCalibration Distance(CalibrationMeasure measure, IReadOnlyList<double> pValues, IReadOnlyList<double>? steps,
        int[] rows, CalibrationOptions options)
    {
        double Step(int i) => steps?[i] ?? 0;
        // -Φ^-1(p) rather than Φ^-1(1 - p): exact for the tiny p-values of a chi-square tail, where 1 - p rounds to 1.
        var z = rows.Select(i => -Normal.InvCDF(0, 1, pValues[i] - Step(i) / 2));
        var ones = rows.Select(_ => 1).ToArray();
        // The attainable rate floor(alpha (n + 1)) / (n + 1) of an empirical p-value (exactly alpha when every p-value is continuous).
        double Expected(double alpha) => rows.All(i => Step(i) == 0) ? alpha
            : rows.Average(i => Step(i) > 0 ? Math.Floor(alpha / Step(i) + 1e-9) * Step(i) : alpha);
        var exceedances = options.Alphas.Select(alpha => CalibrationExceedance.FromSubjects(alpha, Expected(alpha),
            rows.Select(i => AtMost(pValues[i], alpha) ? 1 : 0).ToArray(), ones, options.Level)).ToArray();
        return new MeasureCalibration(measure, ZScoreMoments.Of(z), exceedances);
    }

    private static MeasureCalibration? ZScores(CalibrationMeasure measure, double[,] z, int[] rows, CalibrationOptions options)
    {
        int columns = z.GetLength(1);
        var values = rows.Select(i => Enumerable.Range(0, columns).Select(j => z[i, j]).Where(double.IsFinite).ToArray()).ToArray();
        if (values.All(v => v.Length == 0)) return null;
        var counts = values.Select(v => v.Length).ToArray();
        var exceedances = options.Alphas.Select(alpha =>
        {
            double critical = -Normal.InvCDF(0, 1, alpha / 2);
            return CalibrationExceedance.FromSubjects(alpha, alpha, values.Select(v => v.Count(x => Math.Abs(x) >= critical)).ToArray(), counts, options.Level);
        }).ToArray();
        return new MeasureCalibration(measure, ZScoreMoments.Of(values.SelectMany(v => v)), exceedances);
    }

    // An empirical p-value k / (n + 1) equal to alpha must count as p <= alpha despite rounding in the division.
    private static bool AtMost(double p, double alpha) => p <= alpha * (1 + 1e-12);
}
