using System.Diagnostics;
using Normative.Data;
using Normative.Deviation;
using Normative.Models;
using Normative.Training;

namespace Normative.Experiments;

/// <summary>
/// Whole-pipeline cross-fitting (issue 15, <c>--cross-fit K</c>): the training controls are split into K seeded folds;
/// for each fold k a new network is trained on the other K - 1 folds, its normative references are fitted on those same
/// controls, and it scores fold k. Every training control so gets a D^2 from a pipeline that never saw it, and the
/// outlier thresholds of the full model (trained on all training controls, which scores everyone else) become the
/// (1 - alpha) quantiles of those pooled out-of-sample distances — cross-conformal prediction (Vovk 2015, "Cross-conformal
/// predictors", Annals of Mathematics and Artificial Intelligence 74, 9-28; the CV+ reading of Barber et al. 2021).
/// </summary>
/// <remarks>
/// Why the whole pipeline: a threshold calibrated on the training controls' own errors is anti-conservative, because the
/// network fitted those controls (their reconstruction errors and latents are in-sample); refitting only the covariance
/// (<see cref="ThresholdKind.CrossFittedQuantile"/>) leaves the network's overfit in. A fold model sees (K - 1)/K of the
/// controls, so its out-of-sample distances are, if anything, larger than a new subject's against the full model: the
/// threshold errs on the conservative side. Each pattern of observed modalities gets its own threshold from the controls
/// scored from that pattern alone, as <see cref="NormativeReferenceSet"/> does. Cost: K more trainings per grid cell.
/// </remarks>
public static class CrossFitting
{
    /// <summary>Added to the cell's seed to seed the fold assignment (so it differs from other seeded draws of the cell).</summary>
    public const int FoldSeedOffset = 7919;

    /// <summary>
    /// The evaluation of <paramref name="full"/>'s model with its thresholds replaced by the cross-fitted ones and every
    /// group rescored against them (distances and z-scores unchanged; p-values and outlier flags from the new thresholds).
    /// The result shares (and owns) <paramref name="full"/>'s model; do not dispose <paramref name="full"/> as well.
    /// </summary>
    /// <param name="full">The cell's evaluation with the model trained on all of <paramref name="train"/>.</param>
    /// <param name="train">The training controls, restricted to the method's modalities.</param>
    /// <param name="modalities">The method's modalities, in model order.</param>
    /// <param name="options">Training options and conventions of the grid.</param>
    /// <param name="folds">K. Range: 2 &lt;= K &lt;= number of training controls.</param>
    /// <param name="trainedFold">Where fold k's trained network comes from (a grid's model store: its tasks trained them); null trains them here.</param>
    public static ModelEvaluation Apply(ModelEvaluation full, SubjectTensors train, IReadOnlyList<string> modalities, GridOptions options, int folds,
        FoldModelSource? trainedFold = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(full);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        var references = full.References ?? throw new ArgumentException("Cross-fitting needs the evaluation's per-pattern references.", nameof(full));
        var result = Run(NewNetwork(full.Method, full.LatentDim, full.Seed, modalities, options),
            train, references.Patterns, references.Conventions, options.TrainingFor(full.Seed), folds, full.Seed, trainedFold, cancellationToken);
        var crossFitted = WithThresholds(references, result.LatentDistances, result.FeatureDistances);
        GroupEvaluation Rescore(GroupEvaluation group) => group with { Deviations = crossFitted.Score(group.Scores.ToDeviationInputs()) };
        var complete = crossFitted.CompletePattern;
        return new ModelEvaluation(full.Method, full.LatentDim, full.Seed, full.Model, full.History, full.TrainingTime,
            crossFitted.For(crossFitted.Covers(complete) ? complete : crossFitted.Patterns[0]),
            Rescore(full.TrainControls), Rescore(full.Holdout), Rescore(full.Patients), full.Calibration is { } c ? Rescore(c) : null)
        {
            References = crossFitted,
            CrossFit = result,
        };
    }

    /// <summary>
    /// <paramref name="references"/> with each pattern's thresholds replaced by the (1 - alpha) quantiles (alpha of the
    /// references' conventions) of the cross-fit's pooled out-of-sample distances of that pattern
    /// (<see cref="OutlierThreshold.CrossFittedQuantile"/>); a pattern no training control was scored from keeps its own.
    /// </summary>
    /// <param name="latentDistances">Per pattern key the pooled out-of-sample D_ml^2 (<see cref="CrossFitResult.LatentDistances"/>).</param>
    /// <param name="featureDistances">The same for D_mf^2.</param>
    public static NormativeReferenceSet WithThresholds(NormativeReferenceSet references, IReadOnlyDictionary<string, double[]> latentDistances,
        IReadOnlyDictionary<string, double[]> featureDistances)
    {
        ArgumentNullException.ThrowIfNull(references);
        ArgumentNullException.ThrowIfNull(latentDistances);
        ArgumentNullException.ThrowIfNull(featureDistances);
        double alpha = references.Conventions.Outliers.Alpha;
        return references.WithReferences((pattern, reference) =>
            latentDistances.TryGetValue(pattern.Key, out var latent) && latent.Length > 0 && featureDistances.TryGetValue(pattern.Key, out var feature)
                ? reference.WithThresholds(OutlierThreshold.CrossFittedQuantile(latent, alpha), OutlierThreshold.CrossFittedQuantile(feature, alpha))
                : reference);
    }

    /// <summary>
    /// Trains the K fold models and scores each left-out fold: the fold assignment (seeded with <paramref name="seed"/> +
    /// <see cref="FoldSeedOffset"/>), per pattern the pooled out-of-sample distances, and every control's out-of-sample scores.
    /// </summary>
    /// <param name="createModel">A new untrained network for the given training subjects (same architecture, options and seed as the full model).</param>
    /// <param name="train">The training controls.</param>
    /// <param name="patterns">The observed-modality patterns to pool distances for (those of the full model's references).</param>
    /// <param name="conventions">Conventions of each fold model's references.</param>
    /// <param name="training">Training options of each fold model.</param>
    /// <param name="folds">K. Range: 2 &lt;= K &lt;= <paramref name="train"/>'s count.</param>
    /// <param name="seed">The cell's seed.</param>
    /// <param name="trainedFold">Where fold k's trained network comes from; null trains each with <see cref="TrainFold"/>.</param>
    public static CrossFitResult Run(Func<SubjectTensors, MultimodalVae> createModel, SubjectTensors train, IReadOnlyList<ModalityPattern> patterns,
        DeviationConventions conventions, TrainingOptions training, int folds, int seed, FoldModelSource? trainedFold = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(createModel);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentNullException.ThrowIfNull(conventions);
        var scoring = ModelEvaluator.ScoringFor(conventions, seed);
        int[] fold = CrossFittedDistances.FoldAssignment(train.Count, folds, seed + FoldSeedOffset);
        var latent = patterns.ToDictionary(p => p.Key, _ => new List<double>());
        var feature = patterns.ToDictionary(p => p.Key, _ => new List<double>());
        var trainedOn = new List<IReadOnlyList<string>>();
        var parts = new List<(int[] Rows, DeviationScores Scores)>();
        var clock = Stopwatch.StartNew();
        for (int k = 0; k < folds; k++)
        {
            long[] inRows = Enumerable.Range(0, train.Count).Where(i => fold[i] != k).Select(i => (long)i).ToArray();
            int[] outRows = Enumerable.Range(0, train.Count).Where(i => fold[i] == k).ToArray();
            using var foldTrain = train.Select(inRows);
            using var foldOut = train.Select(outRows.Select(i => (long)i).ToArray());
            trainedOn.Add(foldTrain.SubjectIds.ToArray());
            using var model = trainedFold is null ? Train(createModel, foldTrain, training, cancellationToken).Model : trainedFold(k, foldTrain);
            NormativeReferenceSet foldReferences;
            try
            {
                foldReferences = PatternReferences.Fit(model, foldTrain, patterns, conventions, scoring);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Cross-fit fold {k + 1} of {folds} ({inRows.Length} training controls): {e.Message} Use fewer folds.", e);
            }
            foreach (var pattern in patterns)
            {
                using var seen = foldOut.ObservedOnly(pattern.Modalities);
                if (seen.Count == 0) continue;
                var inputs = Scorer.Score(model, seen, scoring).ToDeviationInputs();
                var scores = foldReferences.For(pattern).Score(inputs.Restrict(Enumerable.Range(0, inputs.Count).ToArray(), pattern));
                latent[pattern.Key].AddRange(scores.LatentSquaredDistance);
                feature[pattern.Key].AddRange(scores.FeatureSquaredDistance);
            }
            var (scorable, refused) = ScorablePatterns.Split(model, foldOut);
            using (scorable)
            {
                if (refused.Count > 0) throw new InvalidOperationException($"Cross-fit fold model {k + 1} cannot score training control {refused[0]}.");
                parts.Add((outRows, foldReferences.Score(Scorer.Score(model, scorable, scoring).ToDeviationInputs())));
            }
        }
        clock.Stop();
        return new CrossFitResult(folds, train.SubjectIds.ToArray(), fold, trainedOn, InRowOrder(parts, train.Count),
            latent.ToDictionary(p => p.Key, p => p.Value.ToArray()), feature.ToDictionary(p => p.Key, p => p.Value.ToArray()), clock.Elapsed);
    }

    /// <summary>A new untrained network of a grid cell for given training subjects: the fold models' architecture, options and seed.</summary>
    public static Func<SubjectTensors, MultimodalVae> NewNetwork(MethodSpec method, int latentDim, int seed, IReadOnlyList<string> modalities, GridOptions options)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);
        return data => ModelFactory.Create(method.Model, method.Aggregator, latentDim, data.FeatureCounts, data.CovariateCount,
            options.ModelOptionsFor(method.Model), seed, modalities);
    }

    /// <summary>
    /// Trains fold <paramref name="fold"/>'s network on the training controls outside that fold (the assignment of <see cref="Run"/>),
    /// as <see cref="Run"/> would: so a grid task can train the fold models and merge load them (<see cref="FoldModelSource"/>).
    /// </summary>
    /// <param name="fold">k. Range: 0 &lt;= k &lt; <paramref name="folds"/>.</param>
    /// <param name="seed">The cell's seed (it seeds the fold assignment; <paramref name="training"/> seeds the network).</param>
    /// <returns>The trained network (the caller disposes it), its history and training time.</returns>
    public static TrainedModel TrainFold(Func<SubjectTensors, MultimodalVae> createModel, SubjectTensors train, TrainingOptions training, int folds, int seed,
        int fold, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(createModel);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfNegative(fold);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(fold, folds);
        int[] assignment = CrossFittedDistances.FoldAssignment(train.Count, folds, seed + FoldSeedOffset);
        using var foldTrain = train.Select(Enumerable.Range(0, train.Count).Where(i => assignment[i] != fold).Select(i => (long)i).ToArray());
        return Train(createModel, foldTrain, training, cancellationToken);
    }

    /// <summary>How many of <paramref name="count"/> training controls fold <paramref name="fold"/> holds out (the assignment of <see cref="Run"/>).</summary>
    public static int FoldSize(int count, int folds, int seed, int fold) =>
        CrossFittedDistances.FoldAssignment(count, folds, seed + FoldSeedOffset).Count(f => f == fold);

    private static TrainedModel Train(Func<SubjectTensors, MultimodalVae> createModel, SubjectTensors foldTrain, TrainingOptions training, CancellationToken cancellationToken)
    {
        var model = createModel(foldTrain);
        try
        {
            var clock = Stopwatch.StartNew();
            var history = Trainer.Fit(model, foldTrain, training, null, cancellationToken);
            return new TrainedModel(training.Seed, model, history, clock.Elapsed);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The folds' scores merged into one set whose row i is training control i.</summary>
    private static DeviationScores InRowOrder(IReadOnlyList<(int[] Rows, DeviationScores Scores)> parts, int n)
    {
        var source = new (int Part, int Row)[n];
        for (int p = 0; p < parts.Count; p++)
            for (int r = 0; r < parts[p].Rows.Length; r++) source[parts[p].Rows[r]] = (p, r);
        T[] Vector<T>(Func<DeviationScores, IReadOnlyList<T>> pick) => source.Select(s => pick(parts[s.Part].Scores)[s.Row]).ToArray();
        double[,] Matrix(Func<DeviationScores, double[,]> pick)
        {
            int columns = pick(parts[0].Scores).GetLength(1);
            var x = new double[n, columns];
            for (int i = 0; i < n; i++)
            {
                var m = pick(parts[source[i].Part].Scores);
                for (int j = 0; j < columns; j++) x[i, j] = m[source[i].Row, j];
            }
            return x;
        }
        bool steps = parts.All(p => p.Scores.LatentPValueStep is not null && p.Scores.FeaturePValueStep is not null);
        bool residuals = parts.All(p => p.Scores.SignedResiduals is not null);
        return new DeviationScores
        {
            LatentSquaredDistance = Vector(s => s.LatentSquaredDistance),
            FeatureSquaredDistance = Vector(s => s.FeatureSquaredDistance),
            LatentPValue = Vector(s => s.LatentPValue),
            FeaturePValue = Vector(s => s.FeaturePValue),
            LatentPValueStep = steps ? Vector(s => s.LatentPValueStep!) : null,
            FeaturePValueStep = steps ? Vector(s => s.FeaturePValueStep!) : null,
            LatentOutlier = Vector(s => s.LatentOutlier),
            FeatureOutlier = Vector(s => s.FeatureOutlier),
            LatentZ = Matrix(s => s.LatentZ),
            FeatureZ = Matrix(s => s.FeatureZ),
            SignedResiduals = residuals ? Matrix(s => s.SignedResiduals!) : null,
            ObservedModalities = parts.All(p => p.Scores.ObservedModalities is not null) ? Vector(s => s.ObservedModalities!) : null,
        };
    }
}

/// <summary>Fold k's trained network for the training controls outside fold k (<paramref name="foldTrain"/>); <see cref="CrossFitting.Run"/> disposes it.</summary>
public delegate MultimodalVae FoldModelSource(int fold, SubjectTensors foldTrain);
