using System.CommandLine;
using Normative.Cli.Infrastructure;
using Normative.Data;
using Normative.Experiments;
using Normative.Training;

namespace Normative.Cli.Commands;

/// <summary>
/// <c>normative score</c>: scores every subject of a cohort with a saved model alone — the checkpoint carries
/// the normalisation, the covariate encoding and the deviation references fitted on its training controls —
/// and writes the per-subject scores file (design §8). The cohort needs no training controls.
/// </summary>
internal static class ScoreCommand
{
    /// <summary>How many refused subjects are listed on the console before summarising the rest.</summary>
    private const int ShownRefusals = 10;

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Checkpoint folder written by 'normative train' (model, normalisation, deviation references).", Required = true };
        var cohort = new Option<string>("--cohort") { Description = "Cohort folder (or manifest) whose subjects to score; it needs no training controls.", Required = true };
        var output = new Option<string>("--out") { Description = "CSV file to write.", Required = true };
        var adaptSite = new Option<string[]>("--adapt-site")
        {
            Description = $"For a model trained with --harmonise combat: estimate the ComBat location and scale of this site from its own controls in the cohort (at least {Data.Harmonisation.ComBat.MinimumSiteControls}); those controls are then in-sample (in_training = true). Without it, subjects of a site the model never saw are refused.",
        };
        var training = new TrainingCliOptions();
        var command = new Command("score",
            "Score subjects with a trained model: subject latent, D_ml, D_mf, outlier flags, per-region errors and Z_mf.\n" +
            "Subjects lacking a modality are scored with the ones they have, against references fitted the same way.\n" +
            "Example: normative score --model models/mmsivae-d15 --cohort data/new-subjects --out scores.csv");
        foreach (var option in new Option[] { model, cohort, output, adaptSite, training.Conventions }) command.Options.Add(option);

        command.SetGuardedAction((parse, token) =>
        {
            string modelPath = parse.GetValue(model)!;
            using var loaded = ModelCheckpoint.Load(modelPath);
            var preprocessing = loaded.Preprocessing
                ?? throw new InvalidOperationException($"Checkpoint {modelPath} carries no normalisation state; retrain it with 'normative train'.");
            var saved = SavedReferences.Load(modelPath)
                ?? throw new InvalidOperationException(
                    $"Checkpoint {modelPath} (format {loaded.Format}) carries no deviation references ({SavedReferences.FileName}); " +
                    $"this version scores from the model alone and needs them (format {ModelCheckpoint.Format} written by 'normative train'). Retrain the model.");
            var conventions = parse.GetValue(training.Conventions) is null ? saved.Conventions : training.ConventionsOf(parse);
            var references = saved.Fit(conventions);

            var data = CohortLoader.LoadForScoring(parse.GetValue(cohort)!);
            // Refuse a cohort of another layout (modalities, regions, ICV division, covariates) before reading a value.
            CohortCompatibility.Require(preprocessing, loaded.Model.Spec.ModalityNames, data, modelPath);
            var adaptationIds = new HashSet<string>(StringComparer.Ordinal);
            if (parse.GetValue(adaptSite) is { Length: > 0 } sites)
            {
                if (preprocessing.Harmonisation is null)
                    throw new InvalidOperationException($"--adapt-site needs a model trained with --harmonise combat; {modelPath} was trained without site harmonisation.");
                (preprocessing, var used) = Data.Harmonisation.SiteAdaptation.Adapt(preprocessing, data, sites);
                adaptationIds.UnionWith(used);
                foreach (var site in sites)
                    Console.WriteLine($"Adapted the harmonisation to site '{site}' from {data.Subjects.Count(s => s.Site == site && s.Group == SubjectGroup.Control)} of its controls; they are marked in_training (in-sample).");
            }
            var names = loaded.Model.Spec.ModalityNames;
            using var everyoneAll = preprocessing.Transform(data, Enumerable.Range(0, data.Subjects.Count).ToArray());
            using var everyone = everyoneAll.SelectModalities(names);
            var (scorable, refused) = ScorablePatterns.Split(loaded.Model, everyone);
            using var _ = scorable;
            foreach (var refusal in refused.Take(ShownRefusals)) Console.Error.WriteLine($"refused: {refusal}");
            if (refused.Count > ShownRefusals) Console.Error.WriteLine($"refused: ... and {refused.Count - ShownRefusals} more subjects.");
            if (scorable.Count == 0)
                throw new InvalidOperationException($"Model '{loaded.Model.Spec.Name}' can score none of the {data.Subjects.Count} subjects of '{data.Name}'; first: {refused[0]}.");

            var scores = Scorer.Score(loaded.Model, scorable, ModelEvaluator.ScoringFor(conventions));
            var deviations = references.Score(scores.ToDeviationInputs());
            var trainingIds = saved.TrainingSubjects.Concat(adaptationIds).ToHashSet(StringComparer.Ordinal);
            string path = parse.GetValue(output)!;
            SubjectScoresCsv.Write(path, data, [new SubjectScoresCsv.Group(scores, deviations)], trainingIds.Contains);
            WriteCalibration(path, loaded.Model.Spec.Name + $" d={loaded.Model.LatentDim}", data, scores, deviations, trainingIds);
            int inSample = scores.SubjectIds.Count(trainingIds.Contains);
            var patterns = Enumerable.Range(0, scores.SubjectIds.Count).GroupBy(i => scores.Pattern(i).Key)
                .OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} with {g.Key}");
            Console.WriteLine($"Scored {scores.SubjectIds.Count} subjects of '{data.Name}' with {loaded.Model.Spec.Name} (d = {loaded.Model.LatentDim}) from the model alone: " +
                $"{string.Join(", ", patterns)}; {refused.Count} refused. {deviations.LatentOutlier.Count(f => f)} latent and {deviations.FeatureOutlier.Count(f => f)} feature-space outliers. " +
                (inSample == 0 ? "None of them was among the model's training controls. " : $"{inSample} were among the model's training (or site-adaptation) controls (in_training = true; their scores are in-sample). ") +
                $"Wrote {Path.GetFullPath(path)}");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The calibration report (issue 20) of the controls among the scored subjects that are out of sample (neither training
    /// nor site-adaptation controls): <c>&lt;out&gt;.calibration.json</c> and <c>.md</c> beside the scores, warnings on the console.
    /// </summary>
    private static void WriteCalibration(string scoresPath, string scoring, Cohort data, SubjectScores scores, Deviation.DeviationScores deviations, HashSet<string> inSample)
    {
        var rows = Enumerable.Range(0, scores.SubjectIds.Count)
            .Where(i => !inSample.Contains(scores.SubjectIds[i]) && data.Subjects[data.IndexOf(scores.SubjectIds[i])].Group == SubjectGroup.Control).ToArray();
        if (rows.Length == 0)
        {
            Console.WriteLine("No out-of-sample control among the scored subjects: no calibration report.");
            return;
        }
        var sites = scores.SubjectIds.Select(id => data.Subjects[data.IndexOf(id)].Site).ToArray();
        var report = Deviation.CalibrationReport.Compute([new Deviation.CalibrationInput(scoring, "scored", deviations, sites.Any(s => s is not null) ? sites : null, rows)]);
        string stem = Path.ChangeExtension(Path.GetFullPath(scoresPath), null);
        ResultFiles.WriteJson(stem + ".calibration.json", report);
        File.WriteAllText(stem + ".calibration.md", "# Calibration on out-of-sample controls\n\n" + report.ToMarkdown() + "\n");
        Console.WriteLine($"Calibration on {rows.Length} out-of-sample controls: {report.Warnings.Count} mis-calibrated cell(s); wrote {stem}.calibration.json and .md");
        foreach (var warning in report.Warnings.Take(ShownRefusals)) Console.WriteLine($"warning: {warning.Message}");
        if (report.Warnings.Count > ShownRefusals) Console.WriteLine($"warning: ... and {report.Warnings.Count - ShownRefusals} more in {stem}.calibration.json");
    }
}
