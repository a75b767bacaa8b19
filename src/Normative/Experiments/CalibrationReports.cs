using System.Globalization;
using Normative.Deviation;

namespace Normative.Experiments;

/// <summary>
/// The calibration report (issue 20, <see cref="CalibrationReport"/>) of a grid run: every run's held-out and calibration
/// controls (scored by a model and reference fitted without them) and, with <c>--cross-fit K</c>, its training controls
/// as scored by the fold model that did not see them, then the no-model baseline's held-out and calibration controls;
/// written as <c>calibration.json</c> and a report section.
/// </summary>
public static class CalibrationReports
{
    /// <summary>File name in the results folder (data-schemas/results.schema.json, definition <c>calibration</c>).</summary>
    public const string FileName = "calibration.json";

    /// <summary>The controls label of training controls scored out of sample by their fold models.</summary>
    public const string CrossFittedTraining = "training-cross-fitted";

    /// <summary>The report of every run of <paramref name="grid"/>, scoring named by the run key (method-d-seed), and of its baseline (scoring <c>baseline</c>).</summary>
    public static CalibrationReport Of(GridResult grid, ExperimentData data, CalibrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(data);
        bool anySite = data.Cohort.Subjects.Any(s => s.Site is not null);
        IReadOnlyList<string?>? Sites(IReadOnlyList<string> ids) => anySite ? ids.Select(id => data.Subject(id).Site).ToArray() : null;
        var inputs = new List<CalibrationInput>();
        foreach (var run in grid.Runs)
        {
            if (run.Holdout.Count > 0) inputs.Add(new CalibrationInput(run.RunKey, "holdout", run.Holdout.Deviations, Sites(run.Holdout.Scores.SubjectIds)));
            if (run.Calibration is { Count: > 0 } c) inputs.Add(new CalibrationInput(run.RunKey, "calibration", c.Deviations, Sites(c.Scores.SubjectIds)));
            if (run.CrossFit is { } x) inputs.Add(new CalibrationInput(run.RunKey, CrossFittedTraining, x.OutOfSample, Sites(x.SubjectIds)));
        }
        if (grid.Baseline is { } baseline)
        {
            // The no-model baseline is a deviation measure too (issue 21): its distance and signed residuals get the same check.
            string key = BaselineEvaluation.Method.Key;
            if (baseline.Holdout.Count > 0) inputs.Add(new CalibrationInput(key, "holdout", CalibrationScores.Of(baseline.Holdout.Scores), Sites(baseline.Holdout.SubjectIds)));
            if (baseline.Calibration is { Count: > 0 } c) inputs.Add(new CalibrationInput(key, "calibration", CalibrationScores.Of(c.Scores), Sites(c.SubjectIds)));
        }
        return CalibrationReport.Compute(inputs, options);
    }

    /// <summary>
    /// Writes <c>calibration.json</c> of <paramref name="result"/> into its results folder and returns the report's Markdown
    /// section (the first seed's runs; every run and site is in the file).
    /// </summary>
    public static string WriteSection(ReproductionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var report = Of(result.Grid, result.Data);
        ResultFiles.WriteJson(Path.Combine(Path.GetFullPath(result.Options.OutputFolder), FileName), report);
        int firstSeed = result.Grid.Options.Seeds[0];
        var shown = result.Grid.Runs.Where(r => r.Seed == firstSeed).Select(r => r.RunKey).Append(BaselineEvaluation.Method.Key).ToHashSet(StringComparer.Ordinal);
        string thresholds = result.Grid.Options.CrossFitFolds is { } k
            ? $"Outlier thresholds cross-fitted over {k} folds of the whole pipeline (network and reference retrained per fold; `--cross-fit {k}`); `{CrossFittedTraining}` rows are the training controls scored by the fold model that did not see them."
            : $"Outlier thresholds from the conventions ({result.Grid.Options.Conventions.Outliers.Kind}); no whole-pipeline cross-fit (`--cross-fit K` adds one).";
        return string.Create(CultureInfo.InvariantCulture, $"## Calibration on out-of-sample controls\n\n{thresholds} Seed {firstSeed} shown; every seed and site in `{FileName}`.\n\n")
            + report.ToMarkdown(e => shown.Contains(e.Scoring));
    }
}
