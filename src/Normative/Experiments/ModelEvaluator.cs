using System.Diagnostics;
using Normative.Data;
using Normative.Deviation;
using Normative.Models;
using Normative.Training;

namespace Normative.Experiments;

/// <summary>
/// Trains one method at one latent size and seed on the training controls, then scores every group
/// against the normative reference fitted on those same training controls (design §5).
/// </summary>
public static class ModelEvaluator
{
    /// <summary>Trains and evaluates one grid cell.</summary>
    /// <param name="progress">Told after every epoch.</param>
    /// <param name="cancellationToken">Observed every batch.</param>
    /// <param name="trained">Told of the trained model before it is scored (e.g. to cache it).</param>
    public static ModelEvaluation Run(ExperimentData data, MethodSpec method, int latentDim, int seed, GridOptions options,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default, TrainedCallback? trained = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);
        using var groups = new MethodGroups(data, method);
        var result = Train(groups, method, latentDim, seed, options, progress, cancellationToken);
        try
        {
            trained?.Invoke(seed, result.Model, result.History, result.TrainingTime);
            return WithCrossFit(Evaluate(result.Model, result.History, result.TrainingTime, method, seed, options.Conventions, groups), groups, options, cancellationToken);
        }
        catch
        {
            result.Model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Trains the seeds <paramref name="seeds"/> of one method and latent size as one stacked module (the method's
    /// model must be <see cref="ModelDescriptor.Stackable"/>), then evaluates each member as the single model of its
    /// seed: the same runs as <see cref="Run"/> seed by seed, to float rounding (see <see cref="StackedLinear"/>).
    /// </summary>
    /// <param name="progress">Per seed (or null), told after every epoch.</param>
    /// <returns>One evaluation per seed, in seed order; each reports an equal share of the stack's training time.</returns>
    /// <param name="trained">Told of each member, as a single model, before it is scored (e.g. to cache it).</param>
    public static IReadOnlyList<ModelEvaluation> RunStack(ExperimentData data, MethodSpec method, int latentDim, IReadOnlyList<int> seeds,
        GridOptions options, IReadOnlyList<IProgress<TrainingProgress>?>? progress = null, CancellationToken cancellationToken = default,
        TrainedCallback? trained = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);
        using var groups = new MethodGroups(data, method);
        var members = TrainStack(groups, method, latentDim, seeds, options, progress, cancellationToken);
        var evaluations = new List<ModelEvaluation>(seeds.Count);
        try
        {
            for (int k = 0; k < seeds.Count; k++)
            {
                trained?.Invoke(seeds[k], members[k].Model, members[k].History, members[k].TrainingTime);
                evaluations.Add(WithCrossFit(Evaluate(members[k].Model, members[k].History, members[k].TrainingTime, method, seeds[k], options.Conventions, groups), groups, options, cancellationToken));
            }
            return evaluations;
        }
        catch
        {
            for (int k = evaluations.Count; k < members.Count; k++) members[k].Model.Dispose();
            foreach (var evaluation in evaluations) evaluation.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Trains one grid cell without scoring it (a grid task, <see cref="Grid.GridTaskRunner"/>: scoring happens when the
    /// run is merged). The caller owns the model.
    /// </summary>
    public static TrainedModel Train(ExperimentData data, MethodSpec method, int latentDim, int seed, GridOptions options,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);
        using var groups = new MethodGroups(data, method);
        return Train(groups, method, latentDim, seed, options, progress, cancellationToken);
    }

    /// <summary>
    /// Trains the seeds of one method and latent size as one stacked module without scoring them, each member extracted as
    /// the single model of its seed (in seed order, each with an equal share of the stack's time). The caller owns the models.
    /// </summary>
    public static IReadOnlyList<TrainedModel> TrainStack(ExperimentData data, MethodSpec method, int latentDim, IReadOnlyList<int> seeds,
        GridOptions options, IReadOnlyList<IProgress<TrainingProgress>?>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);
        using var groups = new MethodGroups(data, method);
        return TrainStack(groups, method, latentDim, seeds, options, progress, cancellationToken);
    }

    private static TrainedModel Train(MethodGroups groups, MethodSpec method, int latentDim, int seed, GridOptions options,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var model = ModelFactory.Create(method.Model, method.Aggregator, latentDim, groups.Train.FeatureCounts, groups.Train.CovariateCount,
            options.ModelOptionsFor(method.Model), seed, groups.Modalities);
        try
        {
            var clock = Stopwatch.StartNew();
            var history = Trainer.Fit(model, groups.Train, options.TrainingFor(seed), progress, cancellationToken);
            clock.Stop();
            return new TrainedModel(seed, model, history, clock.Elapsed);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static IReadOnlyList<TrainedModel> TrainStack(MethodGroups groups, MethodSpec method, int latentDim, IReadOnlyList<int> seeds,
        GridOptions options, IReadOnlyList<IProgress<TrainingProgress>?>? progress, CancellationToken cancellationToken)
    {
        if (seeds.Count == 0) throw new ArgumentException("A stack needs at least one seed.", nameof(seeds));
        var spec = ModelFactory.Spec(method.Model, method.Aggregator, latentDim, groups.Train.FeatureCounts, groups.Train.CovariateCount,
            options.ModelOptionsFor(method.Model), seeds[0], groups.Modalities) with { MemberSeeds = seeds.ToArray() };
        var members = new List<TrainedModel>(seeds.Count);
        try
        {
            using var stack = ModelFactory.Create(spec);
            var clock = Stopwatch.StartNew();
            var histories = Trainer.FitStack(stack, groups.Train, options.TrainingFor(seeds[0]), progress, cancellationToken);
            clock.Stop();
            for (int k = 0; k < seeds.Count; k++)
                members.Add(new TrainedModel(seeds[k], stack.ExtractMember(k), histories[k], clock.Elapsed / seeds.Count));
            return members;
        }
        catch
        {
            foreach (var member in members) member.Model.Dispose();
            throw;
        }
    }

    /// <summary>Scores a model trained earlier (e.g. loaded from a <see cref="TrainedModelCache"/>) for <paramref name="method"/>;
    /// the evaluation owns the model.</summary>
    /// <param name="crossFit">The grid's options when its <see cref="GridOptions.CrossFitFolds"/> should be applied; null scores with the
    /// conventions' thresholds.</param>
    /// <param name="trainedFold">Where the cross-fit's fold models come from (a grid's store); null trains them anew.</param>
    public static ModelEvaluation EvaluateTrained(ExperimentData data, MethodSpec method, MultimodalVae model, TrainingHistory history,
        TimeSpan trainingTime, int seed, DeviationConventions conventions, GridOptions? crossFit = null, FoldModelSource? trainedFold = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(method);
        using var groups = new MethodGroups(data, method);
        var evaluation = Evaluate(model, history, trainingTime, method, seed, conventions, groups);
        return crossFit is null ? evaluation : WithCrossFit(evaluation, groups, crossFit with { Conventions = conventions }, cancellationToken, trainedFold);
    }

    /// <summary>
    /// <paramref name="evaluation"/> with the thresholds of a whole-pipeline cross-fit when <paramref name="options"/> ask for one
    /// (<see cref="GridOptions.CrossFitFolds"/>, <see cref="CrossFitting"/>); otherwise unchanged.
    /// </summary>
    private static ModelEvaluation WithCrossFit(ModelEvaluation evaluation, MethodGroups groups, GridOptions options, CancellationToken cancellationToken,
        FoldModelSource? trainedFold = null) =>
        options.CrossFitFolds is { } folds ? CrossFitting.Apply(evaluation, groups.Train, groups.Modalities, options, folds, trainedFold, cancellationToken) : evaluation;

    /// <summary>
    /// Scores an already trained <paramref name="model"/> on the three groups (and the calibration controls when there are any).
    /// Subjects lacking a modality are scored against the reference of their own observed-modality pattern
    /// (<see cref="NormativeReferenceSet"/>); subjects the model cannot encode at all are left out of the group and named in
    /// <see cref="GroupEvaluation.Refused"/>.
    /// </summary>
    /// <param name="calibration">The calibration controls; null or empty when the cohort has none.</param>
    public static ModelEvaluation Evaluate(MultimodalVae model, TrainingHistory history, TimeSpan trainingTime, MethodSpec method, int seed,
        DeviationConventions conventions, SubjectTensors train, SubjectTensors holdout, SubjectTensors patients, SubjectTensors? calibration = null)
    {
        var scoring = ScoringFor(conventions, seed);
        var (trainSplit, holdoutSplit, patientSplit) = (ScorablePatterns.Split(model, train), ScorablePatterns.Split(model, holdout), ScorablePatterns.Split(model, patients));
        (SubjectTensors Scorable, IReadOnlyList<ScoringRefusal> Refused)? calibrationSplit = calibration is { Count: > 0 } ? ScorablePatterns.Split(model, calibration) : null;
        using var trainScorable = trainSplit.Scorable;
        using var holdoutScorable = holdoutSplit.Scorable;
        using var patientScorable = patientSplit.Scorable;
        using var calibrationScorable = calibrationSplit?.Scorable;
        var trainScores = Scorer.Score(model, trainScorable, scoring);
        var holdoutScores = Scorer.Score(model, holdoutScorable, scoring);
        var patientScores = Scorer.Score(model, patientScorable, scoring);
        SubjectTensors[] scored = calibrationScorable is null ? [trainScorable, holdoutScorable, patientScorable] : [trainScorable, holdoutScorable, patientScorable, calibrationScorable];
        var patterns = scored.SelectMany(ScorablePatterns.PatternsOf)
            .Distinct().OrderByDescending(p => p.Modalities.Count).ThenBy(p => p.Key, StringComparer.Ordinal).ToArray();
        var references = PatternReferences.Fit(model, train, patterns, conventions, scoring);
        GroupEvaluation Group(SubjectScores s, IReadOnlyList<ScoringRefusal> refused) => new(s, references.Score(s.ToDeviationInputs())) { Refused = refused };
        var calibrationGroup = calibrationSplit is { } split && calibrationScorable is not null ? Group(Scorer.Score(model, calibrationScorable, scoring), split.Refused) : null;
        var complete = references.CompletePattern;
        var reference = references.For(references.Covers(complete) ? complete : references.Patterns[0]);
        return new ModelEvaluation(method, model.LatentDim, seed, model, history, trainingTime, reference,
            Group(trainScores, trainSplit.Refused), Group(holdoutScores, holdoutSplit.Refused), Group(patientScores, patientSplit.Refused), calibrationGroup)
        {
            References = references,
        };
    }

    /// <summary>The deviation inputs of scored subjects: latent, every modality's regional errors and signed residuals, the observed mask.</summary>
    public static DeviationInputs InputsOf(SubjectScores scores, DeviationConventions conventions)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(conventions);
        if (scores.ErrorKind != conventions.ErrorKind)
            throw new ArgumentException($"The scores carry {scores.ErrorKind} errors but the conventions call for {conventions.ErrorKind}.", nameof(scores));
        return scores.ToDeviationInputs();
    }

    private static ModelEvaluation Evaluate(MultimodalVae model, TrainingHistory history, TimeSpan trainingTime, MethodSpec method, int seed,
        DeviationConventions conventions, MethodGroups groups) =>
        Evaluate(model, history, trainingTime, method, seed, conventions, groups.Train, groups.Holdout, groups.Patients, groups.Calibration);

    /// <summary>The groups of the experiment data restricted to the modalities a method sees (one home for that
    /// selection, shared by single, stacked and cached runs); disposing frees the selections.</summary>
    private sealed class MethodGroups : IDisposable
    {
        public MethodGroups(ExperimentData data, MethodSpec method)
        {
            Modalities = method.ModalitiesFrom(data.Train.ModalityNames);
            Train = data.Train.SelectModalities(Modalities);
            Holdout = data.Holdout.SelectModalities(Modalities);
            Patients = data.Patients.SelectModalities(Modalities);
            Calibration = data.Calibration.SelectModalities(Modalities);
        }

        public IReadOnlyList<string> Modalities { get; }

        public SubjectTensors Train { get; }

        public SubjectTensors Holdout { get; }

        public SubjectTensors Patients { get; }

        public SubjectTensors Calibration { get; }

        public void Dispose()
        {
            Train.Dispose();
            Holdout.Dispose();
            Patients.Dispose();
            Calibration.Dispose();
        }
    }

    /// <summary>Scoring that measures regional errors the way <paramref name="conventions"/> ask.</summary>
    public static ScoringOptions ScoringFor(DeviationConventions conventions, int seed = 0) => new()
    {
        Error = conventions.ErrorKind,
        Seed = seed,
    };

    /// <summary>Receives a model right after training: its seed, the model, its history and training time.</summary>
    public delegate void TrainedCallback(int seed, MultimodalVae model, TrainingHistory history, TimeSpan trainingTime);
}

/// <summary>A freshly trained model (owned by whoever receives it) with its seed, training history and training time.</summary>
public sealed record TrainedModel(int Seed, MultimodalVae Model, TrainingHistory History, TimeSpan TrainingTime);
