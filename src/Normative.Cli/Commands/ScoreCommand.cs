using System.CommandLine;
using Normative.Cli.Infrastructure;
using Normative.Data;
using Normative.Experiments;
using Normative.Training;

namespace Normative.Cli.Commands;

/// <summary>
/// <c>normative score</c>: scores every subject of a cohort with a saved model, against the normative
/// reference of that cohort's training controls, and writes the per-subject scores file (design §8).
/// </summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Checkpoint folder written by 'normative train'.", Required = true };
        var cohort = new Option<string>("--cohort") { Description = "Cohort folder (or manifest) whose subjects to score; its training controls form the reference.", Required = true };
        var output = new Option<string>("--out") { Description = "CSV file to write.", Required = true };
        var training = new TrainingCliOptions();
        var command = new Command("score",
            "Score subjects with a trained model: subject latent, D_ml, D_mf, outlier flags, per-region errors and Z_mf.\n" +
            "Example: normative score --model models/mmsivae-d15 --cohort results/cohort --out scores.csv");
        foreach (var option in new Option[] { model, cohort, output, training.Conventions }) command.Options.Add(option);

        command.SetGuardedAction((parse, token) =>
        {
            using var loaded = ModelCheckpoint.Load(parse.GetValue(model)!);
            var preprocessing = loaded.Preprocessing is { } json
                ? PreprocessingState.FromJson(json.ToJsonString())
                : throw new InvalidOperationException($"Checkpoint {parse.GetValue(model)} carries no normalisation state; retrain it with 'normative train'.");
            var data = CohortLoader.Load(parse.GetValue(cohort)!);
            var names = loaded.Model.Spec.ModalityNames;
            var conventions = training.ConventionsOf(parse);

            using var trainAll = preprocessing.TrainTensors(data);
            using var train = trainAll.SelectModalities(names);
            using var everyoneAll = preprocessing.Transform(data, Enumerable.Range(0, data.Subjects.Count).ToArray());
            using var everyone = everyoneAll.SelectModalities(names);
            var scoring = ModelEvaluator.ScoringFor(conventions);
            var reference = Deviation.NormativeReference.Fit(ModelEvaluator.InputsOf(Scorer.Score(loaded.Model, train, scoring), conventions), conventions);
            var scores = Scorer.Score(loaded.Model, everyone, scoring);
            var deviations = reference.Score(ModelEvaluator.InputsOf(scores, conventions));
            SubjectScoresCsv.Write(parse.GetValue(output)!, data, [new SubjectScoresCsv.Group(scores, deviations)]);
            Console.WriteLine($"Scored {scores.SubjectIds.Count} subjects of '{data.Name}' with {loaded.Model.Spec.Name} (d = {loaded.Model.LatentDim}); " +
                $"{deviations.LatentOutlier.Count(f => f)} latent and {deviations.FeatureOutlier.Count(f => f)} feature-space outliers. Wrote {Path.GetFullPath(parse.GetValue(output)!)}");
            return 0;
        });
        return command;
    }
}
