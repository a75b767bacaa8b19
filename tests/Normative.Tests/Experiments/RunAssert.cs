using Normative.Experiments;
using Normative.Tests.TestData;

namespace Normative.Tests.Experiments;

/// <summary>Compares two trained and evaluated runs: weights, per-subject scores and deviation distances.</summary>
internal static class RunAssert
{
    /// <summary>Asserts that <paramref name="actual"/> is <paramref name="expected"/> to within <paramref name="tolerance"/> (0: bit for bit).</summary>
    public static void Same(ModelEvaluation expected, ModelEvaluation actual, double tolerance = 0)
    {
        Assert.Equal((expected.Method, expected.LatentDim, expected.Seed), (actual.Method, actual.LatentDim, actual.Seed));
        var expectedWeights = expected.Model.state_dict();
        var actualWeights = actual.Model.state_dict();
        Assert.Equal(expectedWeights.Keys, actualWeights.Keys);
        foreach (var (name, weight) in expectedWeights) TensorAssert.Close(weight, actualWeights[name], tolerance);
        Assert.Equal(expected.History.Losses.Count, actual.History.Losses.Count);
        foreach (var (e, a) in expected.History.Losses.Zip(actual.History.Losses)) Assert.Equal(e, a, tolerance * Math.Max(1, Math.Abs(e)));
        foreach (var (e, a) in new[] { (expected.TrainControls, actual.TrainControls), (expected.Holdout, actual.Holdout), (expected.Patients, actual.Patients) })
        {
            Close(e.Scores.Latent, a.Scores.Latent, tolerance);
            Close(e.Scores.AllErrors(), a.Scores.AllErrors(), tolerance);
            Close(e.Deviations.LatentSquaredDistance, a.Deviations.LatentSquaredDistance, tolerance);
            Close(e.Deviations.FeatureSquaredDistance, a.Deviations.FeatureSquaredDistance, tolerance);
        }
    }

    private static void Close(double[,] expected, double[,] actual, double tolerance) =>
        Close(expected.Cast<double>().ToArray(), actual.Cast<double>().ToArray(), tolerance);

    private static void Close(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            double bound = tolerance * Math.Max(1, Math.Abs(expected[i]));
            if (!(Math.Abs(expected[i] - actual[i]) <= bound) && !(expected[i].Equals(actual[i])))
                Assert.Fail($"Value {i}: expected {expected[i]:R}, got {actual[i]:R} (tolerance {bound:G3}).");
        }
    }
}
