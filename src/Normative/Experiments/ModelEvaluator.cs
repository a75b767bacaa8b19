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
    public static ModelEvaluation Run(ExperimentData data, MethodSpec method, int latentDim, int seed, GridOptions options,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);
        var modalities = method.ModalitiesFrom(data.Train.ModalityNames);
        using var train = data.Train.SelectModalities(modalities);
        using var holdout = data.Holdout.SelectModalities(modalities);
        using var patients = data.Patients.SelectModalities(modalities);
        using var calibration = data.Calibration.SelectModalities(modalities);

        var model = ModelFactory.Create(method.Model, method.Aggregator, latentDim, train.FeatureCounts, train.CovariateCount,
            options.ModelOptionsFor(method.Model), seed, modalities);
        try
        {
            var clock = Stopwatch.StartNew();
            var history = Trainer.Fit(model, train, options.TrainingFor(seed), progress, cancellationToken);
            clock.Stop();
            return Evaluate(model, history, clock.Elapsed, method, seed, options.Conventions, train, holdout, patients, calibration);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

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

    /// <summary>Scoring that measures regional errors the way <paramref name="conventions"/> ask.</summary>
    public static ScoringOptions ScoringFor(DeviationConventions conventions, int seed = 0) => new()
    {
        Error = conventions.ErrorKind,
        Seed = seed,
    };
}
