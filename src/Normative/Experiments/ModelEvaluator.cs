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

    /// <summary>Scores an already trained <paramref name="model"/> on the three groups (and the calibration controls when there are any).</summary>
    /// <param name="calibration">The calibration controls; null or empty when the cohort has none.</param>
    public static ModelEvaluation Evaluate(MultimodalVae model, TrainingHistory history, TimeSpan trainingTime, MethodSpec method, int seed,
        DeviationConventions conventions, SubjectTensors train, SubjectTensors holdout, SubjectTensors patients, SubjectTensors? calibration = null)
    {
        var scoring = ScoringFor(conventions, seed);
        var trainScores = Scorer.Score(model, train, scoring);
        var holdoutScores = Scorer.Score(model, holdout, scoring);
        var patientScores = Scorer.Score(model, patients, scoring);
        var reference = NormativeReference.Fit(InputsOf(trainScores, conventions), conventions);
        GroupEvaluation Group(SubjectScores s) => new(s, reference.Score(InputsOf(s, conventions)));
        var calibrationGroup = calibration is { Count: > 0 } ? Group(Scorer.Score(model, calibration, scoring)) : null;
        return new ModelEvaluation(method, model.LatentDim, seed, model, history, trainingTime, reference,
            Group(trainScores), Group(holdoutScores), Group(patientScores), calibrationGroup);
    }

    /// <summary>The deviation inputs of scored subjects: latent and every modality's regional errors and signed residuals side by side.</summary>
    public static DeviationInputs InputsOf(SubjectScores scores, DeviationConventions conventions) =>
        new(scores.Latent, scores.AllErrors(), conventions.ErrorKind, scores.AllResiduals());

    /// <summary>Scoring that measures regional errors the way <paramref name="conventions"/> ask.</summary>
    public static ScoringOptions ScoringFor(DeviationConventions conventions, int seed = 0) => new()
    {
        Error = conventions.ErrorKind,
        Seed = seed,
    };
}
