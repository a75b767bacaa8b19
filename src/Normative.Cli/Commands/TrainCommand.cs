using System.CommandLine;
using Normative.Aggregation;
using Normative.Cli.Infrastructure;
using Normative.Data;
using Normative.Experiments;
using Normative.Models;
using Normative.Training;

namespace Normative.Cli.Commands;

/// <summary><c>normative train</c>: fits one model on a cohort's training controls and saves a checkpoint.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var cohort = new Option<string>("--cohort") { Description = "Cohort folder (or its manifest).", Required = true };
        var model = new Option<string>("--model")
        {
            Description = $"Model: {string.Join(", ", ModelRegistry.All.Select(d => d.Name))}.",
            DefaultValueFactory = _ => "mmsivae",
        };
        var aggregator = new Option<string>("--aggregator") { Description = "Aggregator of multimodal models: mopoe, poe, moe or avg.", DefaultValueFactory = _ => "mopoe" };
        var latent = new Option<int>("--latent") { Description = "Latent size d (paper: 5, 10, 15, 20).", DefaultValueFactory = _ => 15 };
        var seed = new Option<int>("--seed") { Description = "Seed of weight initialisation and batch order.", DefaultValueFactory = _ => 0 };
        var modalities = new Option<string?>("--modalities") { Description = "Comma-separated modalities the model sees (default: all), e.g. 'mri' for a unimodal baseline." };
        var output = new Option<string>("--out") { Description = "Folder to write the checkpoint to.", Required = true };
        var harmonise = new Option<string>("--harmonise")
        {
            Description = "Site harmonisation: none (default) or combat (ComBat fitted on the training controls, age and sex preserved; every subject needs a 'site').",
            DefaultValueFactory = _ => "none",
        };
        var crossFit = CrossFitOption.Create();
        var training = new TrainingCliOptions();

        var command = new Command("train",
            "Train one normative model on the training controls and save a checkpoint (weights, configuration, normalisation).\n" +
            "Example: normative train --cohort results/cohort --model mmsivae --aggregator mopoe --latent 15 --seed 0 --out models/mmsivae-d15");
        foreach (var option in new Option[] { cohort, model, aggregator, latent, seed, modalities, output, harmonise, crossFit }) command.Options.Add(option);
        training.AddTo(command);

        command.SetGuardedAction((parse, token) =>
        {
            var loaded = CohortLoader.Load(parse.GetValue(cohort)!);
            bool combat = parse.GetValue(harmonise)!.Trim().ToLowerInvariant() switch
            {
                "none" => false,
                "combat" => true,
                var other => throw new ArgumentException($"Unknown --harmonise '{other}'; expected none or combat."),
            };
            var preprocessing = CohortPreprocessor.Fit(loaded, harmonise: combat);
            string name = parse.GetValue(model)!;
            var aggregatorKind = ParseAggregator(parse.GetValue(aggregator)!);
            int d = parse.GetValue(latent), s = parse.GetValue(seed);
            var options = training.TrainingOf(parse, s);

            using var all = preprocessing.TrainTensors(loaded);
            var names = parse.GetValue(modalities) is { } list ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : all.ModalityNames.ToArray();
            using var train = all.SelectModalities(names);
            using var network = ModelFactory.Create(name, aggregatorKind, d, train.FeatureCounts, train.CovariateCount,
                training.PresetOf(parse).ModelOptionsFor(name) with { Device = parse.GetValue(training.Device)! }, s, names);

            var history = ProgressDisplay.Run(task =>
            {
                var bar = task($"train {name} d={d}");
                return Trainer.Fit(network, train, options, new SyncProgress<TrainingProgress>(p =>
                    bar.Report(p.Epoch, p.TotalEpochs, $"loss {p.Loss:0.###}")), token);
            });

            using var holdoutAll = preprocessing.HoldoutTensors(loaded);
            using var holdout = holdoutAll.SelectModalities(names);
            double holdoutMse = holdout.Count > 0 ? Scorer.ReconstructionMse(network, holdout) : double.NaN;
            string folder = parse.GetValue(output)!;
            var presetName = training.PresetOf(parse).Name;
            ModelCheckpoint.Save(network, folder, ModelProvenance.Of(loaded, preprocessing,
                new TrainingRecord(presetName, options.Epochs, options.LearningRate, options.BatchSize, s, train.Count)));
            // The deviation references travel with the model, so 'normative score' needs only the new subjects.
            var conventions = training.ConventionsOf(parse);
            var patterns = ScorablePatterns.Of(network);
            var referenceInputs = PatternReferences.TrainingInputs(network, train, patterns, ModelEvaluator.ScoringFor(conventions));
            var saved = SavedReferences.From(PatternReferences.BlocksOf(train), referenceInputs, conventions, train.SubjectIds);
            if (parse.GetValue(crossFit) is { } folds)
            {
                var fit = ProgressDisplay.Run(task =>
                {
                    _ = task($"cross-fit {folds} folds");
                    return CrossFitting.Run(data => ModelFactory.Create(name, aggregatorKind, d, data.FeatureCounts, data.CovariateCount,
                        training.PresetOf(parse).ModelOptionsFor(name) with { Device = parse.GetValue(training.Device)! }, s, names), train, patterns, conventions, options, folds, s, cancellationToken: token);
                });
                saved = saved with { CrossFit = new SavedReferences.CrossFitSample(folds, fit.LatentDistances, fit.FeatureDistances) };
                Console.WriteLine($"Cross-fitted the outlier thresholds over {folds} folds ({fit.TrainingTime.TotalSeconds:0} s): every training control scored by a fold model that never saw it.");
            }
            saved.Save(folder);
            Console.WriteLine($"Trained {name} (d = {d}, seed {s}, preset {presetName}, {options.Epochs} epochs, lr {options.LearningRate}) on {train.Count} training controls: " +
                $"final loss {history.Epochs[^1].Loss:0.###}, held-out control reconstruction MSE {holdoutMse:0.####}. " +
                $"Deviation references for {string.Join(", ", patterns)}. Checkpoint: {Path.GetFullPath(folder)}");
            return 0;
        });
        return command;
    }

    /// <summary>Parses an aggregator name (case-insensitive).</summary>
    public static AggregatorKind ParseAggregator(string text) =>
        Enum.TryParse<AggregatorKind>(text.Trim(), ignoreCase: true, out var kind) && Enum.IsDefined(kind) ? kind
            : throw new ArgumentException($"Unknown aggregator '{text}'; expected {string.Join(", ", Enum.GetNames<AggregatorKind>().Select(n => n.ToLowerInvariant()))}.");
}
