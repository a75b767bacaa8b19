using Normative.Data.Synthetic;
using Normative.Deviation;
using Normative.Experiments;

namespace Normative.Tests.Experiments;

/// <summary>
/// Whole-pipeline cross-fitting (issue 15, <c>--cross-fit K</c>): every training control is scored by a fold model that
/// never saw it, the thresholds are the quantiles of the pooled out-of-sample distances, and the same seed gives the
/// same numbers.
/// </summary>
public sealed class CrossFittingTests : IDisposable
{
    private readonly ExperimentData _data;
    private readonly GridOptions _options;

    public CrossFittingTests()
    {
        var synthetic = SyntheticCohortGenerator.Generate(new SyntheticCohortOptions { Seed = 3, Sizes = new CohortSizes(45, 12, 10, 10, 10), CalibrationControls = 30 });
        _data = ExperimentData.From(synthetic.Cohort, synthetic.GroundTruth);
        _options = new GridOptions { Epochs = 2, Conventions = DeviationConventions.Default, CrossFitFolds = 3 };
    }

    public void Dispose() => _data.Dispose();

    private ModelEvaluation Run() => ModelEvaluator.Run(_data, MethodCatalogue.Select(["mmsivae-mopoe"])[0], 3, 5, _options);

    [Fact]
    public void Every_training_control_is_scored_by_a_fold_model_that_never_saw_it_and_thresholds_are_pooled_quantiles()
    {
        using var run = Run();
        var fit = Assert.IsType<CrossFitResult>(run.CrossFit);
        Assert.Equal(3, fit.Folds);
        Assert.Equal(_data.Train.SubjectIds, fit.SubjectIds);
        var all = fit.SubjectIds.ToHashSet();
        for (int k = 0; k < 3; k++)
        {
            var held = Enumerable.Range(0, fit.SubjectIds.Count).Where(i => fit.Fold[i] == k).Select(i => fit.SubjectIds[i]).ToArray();
            Assert.InRange(held.Length, 45 / 3, 45 / 3 + 1);
            // Fold model k was fitted on exactly the controls outside fold k: none of the controls it scored.
            Assert.Empty(fit.TrainedOn[k].Intersect(held));
            Assert.Equal(all.Count, fit.TrainedOn[k].Count + held.Length);
            Assert.True(all.SetEquals(fit.TrainedOn[k].Concat(held)));
        }
        Assert.Equal(45, fit.OutOfSample.Count);

        // Threshold = R-7 quantile (numpy's default linear interpolation) at 1 - alpha of the pooled out-of-sample D^2, computed here by hand.
        string complete = run.References!.CompletePattern.Key;
        double alpha = _options.Conventions.Outliers.Alpha;
        double Quantile(double[] x)
        {
            var sorted = x.Order().ToArray();
            double h = (sorted.Length - 1) * (1 - alpha);
            int lo = (int)Math.Floor(h);
            return lo + 1 < sorted.Length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
        }
        Assert.Equal(45, fit.LatentDistances[complete].Length);
        Assert.Equal(fit.OutOfSample.FeatureSquaredDistance.Order(), fit.FeatureDistances[complete].Order());
        Assert.Equal(Quantile(fit.LatentDistances[complete]), run.Reference.LatentThreshold.SquaredDistance, 10);
        Assert.Equal(Quantile(fit.FeatureDistances[complete]), run.Reference.FeatureThreshold.SquaredDistance, 10);
        Assert.Equal(ThresholdKind.CrossFittedQuantile, run.Reference.FeatureThreshold.Kind);
        // Every group's flags follow the new thresholds.
        var calibration = run.Calibration!.Deviations;
        Assert.Equal(calibration.FeatureSquaredDistance.Select(d => d > run.Reference.FeatureThreshold.SquaredDistance), calibration.FeatureOutlier);
        // The held-out fold's distances are out of sample: typically larger than the full model's in-sample ones.
        Assert.True(fit.FeatureDistances[complete].Average() > run.TrainControls.Deviations.FeatureSquaredDistance.Average());
    }

    [Fact]
    public void The_same_seed_gives_the_same_folds_distances_and_thresholds()
    {
        using var first = Run();
        using var second = Run();
        Assert.Equal(first.CrossFit!.Fold, second.CrossFit!.Fold);
        string complete = first.References!.CompletePattern.Key;
        Assert.Equal(first.CrossFit.FeatureDistances[complete], second.CrossFit.FeatureDistances[complete]);
        Assert.Equal(first.CrossFit.LatentDistances[complete], second.CrossFit.LatentDistances[complete]);
        Assert.Equal(first.Reference.FeatureThreshold.SquaredDistance, second.Reference.FeatureThreshold.SquaredDistance);
        Assert.Equal(first.Holdout.Deviations.FeatureOutlier, second.Holdout.Deviations.FeatureOutlier);
    }

    [Fact]
    public void Fold_assignment_is_seeded_and_balanced()
    {
        int[] a = CrossFittedDistances.FoldAssignment(23, 5, seed: 11);
        Assert.Equal(a, CrossFittedDistances.FoldAssignment(23, 5, seed: 11));
        Assert.NotEqual(a, CrossFittedDistances.FoldAssignment(23, 5, seed: 12));
        Assert.All(Enumerable.Range(0, 5), k => Assert.InRange(a.Count(f => f == k), 4, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => CrossFittedDistances.FoldAssignment(3, 5, seed: 1));
    }
}
