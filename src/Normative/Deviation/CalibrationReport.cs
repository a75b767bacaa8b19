using System.Globalization;
using System.Text;

namespace Normative.Deviation;

/// <summary>The scores of one set of controls scored out of sample, to be checked by a <see cref="CalibrationReport"/>.</summary>
/// <param name="Scoring">What scored them (model, latent size, seed or checkpoint).</param>
/// <param name="Controls">Which controls (holdout, calibration, training-cross-fitted, ...).</param>
/// <param name="Scores">Their deviation scores (a model's <see cref="DeviationScores"/> convert implicitly; the baseline's through
/// <see cref="CalibrationScores.Of(NoModelScores)"/>); every row a control that neither the network nor the reference saw.</param>
/// <param name="Sites">Per row the control's site, or null when the cohort has no sites.</param>
/// <param name="Rows">The rows of <paramref name="Scores"/> to check (e.g. the out-of-sample controls among all scored subjects); null = every row.</param>
public sealed record CalibrationInput(string Scoring, string Controls, CalibrationScores Scores, IReadOnlyList<string?>? Sites = null, IReadOnlyList<int>? Rows = null);

/// <summary>A measure whose observed exceedance lies beyond its interval.</summary>
public sealed record CalibrationWarning(string Scoring, string Controls, string? Site, CalibrationMeasure Measure, CalibrationExceedance Exceedance)
{
    /// <summary>One sentence naming the measure, the controls, observed against expected and the direction.</summary>
    public string Message
    {
        get
        {
            var x = Exceedance;
            string where = Site is null ? "" : $" of site {Site}";
            string direction = x.Verdict == CalibrationVerdict.TooMany ? "too many: mis-calibrated, flags more controls than nominal." : "too few: mis-calibrated, conservative.";
            return FormattableString.Invariant(
                $"{Measure.Label()} of {Scoring} on {Controls} controls{where}: {x.Exceeding}/{x.Values} beyond p = {x.Alpha} (rate {x.Rate:0.####}, {x.Interval.Level * 100:0} % CI [{x.Interval.Lower:0.####}, {x.Interval.Upper:0.####}]) against {x.Expected:0.####} expected — {direction}");
        }
    }
}

/// <summary>
/// The calibration report (issue 20): for every set of controls scored out of sample and every deviation measure, the
/// z-score moments and observed against nominal exceedance at each level with exact intervals, per site where sites
/// exist, and a warning for every cell whose expected rate lies outside the interval of the observed one.
/// Written by the callers as <c>calibration.json</c> (data-schemas/results.schema.json, definition <c>calibration</c>)
/// and as a Markdown section (<see cref="ToMarkdown"/>).
/// </summary>
/// <example>
/// <code>
/// var report = CalibrationReport.Compute([new CalibrationInput("mmvae-poe d=10", "clinical-study", controlDeviations, controlSites)]);
/// foreach (var w in report.Warnings) Console.WriteLine(w.Message);
/// </code>
/// </example>
public sealed record CalibrationReport(CalibrationOptions Options, IReadOnlyList<ControlCalibration> Entries)
{
    /// <summary>The report of <paramref name="inputs"/>, entries in input order (all sites first, then each site).</summary>
    public static CalibrationReport Compute(IEnumerable<CalibrationInput> inputs, CalibrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        options ??= CalibrationOptions.Default;
        var entries = inputs.SelectMany(i => ControlCalibration.Compute(i.Scoring, i.Controls, i.Scores, i.Sites, options, i.Rows)).ToArray();
        return new CalibrationReport(options, entries);
    }

    /// <summary>Every cell outside its interval, in entry, measure and level order.</summary>
    public IReadOnlyList<CalibrationWarning> Warnings =>
        [.. from e in Entries
            from m in e.Measures
            from x in m.Exceedances
            where x.Verdict != CalibrationVerdict.Calibrated
            select new CalibrationWarning(e.Scoring, e.Controls, e.Site, m.Measure, x)];

    /// <summary>
    /// A Markdown section: the reading, one table row per entry (of <paramref name="include"/>, default all) and measure
    /// with the moments and each level's observed k/n against expected (⚠ where mis-calibrated), then the warnings
    /// (the first <paramref name="maxWarnings"/>; all are in calibration.json).
    /// </summary>
    public string ToMarkdown(Func<ControlCalibration, bool>? include = null, int maxWarnings = 25)
    {
        var entries = Entries.Where(include ?? (_ => true)).ToArray();
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Controls scored out of sample, per deviation measure: moments of the z-scores (calibrated: mean 0, sd 1, skewness 0, excess kurtosis 0; a distance's p-value read as z = Φ⁻¹(1 − mid-p)) and the observed fraction beyond p = {string.Join(" / ", Options.Alphas.Select(a => a.ToString(CultureInfo.InvariantCulture)))} (distances: p ≤ α; z-scores: two-sided |z| ≥ Φ⁻¹(1 − α/2)) with exact {Options.Level:P0} Clopper-Pearson intervals (z-score families: at the effective sample size of values clustered within subjects), against the rate calibrated scores give (α; for empirical p-values the attainable ⌊α(n+1)⌋/(n+1)). ⚠ marks a cell whose expected rate lies outside the interval; by chance about 1 cell in 20 does."));
        text.AppendLine();
        text.Append("| Scoring | Controls | Site | Measure | n | mean | sd | skew | ex. kurt |");
        foreach (double a in Options.Alphas) text.Append(Invariant($" p = {a}: k/n rate [CI] (exp.) |"));
        text.AppendLine();
        text.Append("|---|---|---|---|---:|---:|---:|---:|---:|").AppendLine(string.Concat(Options.Alphas.Select(_ => "---:|")));
        foreach (var entry in entries)
            foreach (var m in entry.Measures)
            {
                var z = m.Moments;
                text.Append(Invariant($"| {entry.Scoring} | {entry.Controls} | {entry.Site ?? "all"} | {m.Measure.Label()} | {entry.Subjects} | {z.Mean:0.00} | {z.StandardDeviation:0.00} | {z.Skewness:0.00} | {z.ExcessKurtosis:0.00} |"));
                foreach (var x in m.Exceedances)
                    text.Append(Invariant($" {(x.Verdict == CalibrationVerdict.Calibrated ? "" : "⚠ ")}{x.Exceeding}/{x.Values} {x.Rate:0.0000} [{x.Interval.Lower:0.0000}, {x.Interval.Upper:0.0000}] ({x.Expected:0.0000}) |"));
                text.AppendLine();
            }
        var warnings = Warnings.Where(w => entries.Any(e => e.Scoring == w.Scoring && e.Controls == w.Controls && e.Site == w.Site)).ToArray();
        text.AppendLine();
        if (warnings.Length == 0)
        {
            text.AppendLine("No measure is mis-calibrated beyond its interval.");
        }
        else
        {
            text.AppendLine(Invariant($"**Warning: {warnings.Length} cell(s) mis-calibrated beyond their interval** ({warnings.Count(w => w.Exceedance.Verdict == CalibrationVerdict.TooMany)} with too many exceedances, {warnings.Count(w => w.Exceedance.Verdict == CalibrationVerdict.TooFew)} with too few):"));
            text.AppendLine();
            foreach (var w in warnings.Take(maxWarnings)) text.AppendLine("- " + w.Message);
            if (warnings.Length > maxWarnings) text.AppendLine(Invariant($"- ... and {warnings.Length - maxWarnings} more (calibration.json lists all)."));
        }
        return text.ToString().TrimEnd();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
