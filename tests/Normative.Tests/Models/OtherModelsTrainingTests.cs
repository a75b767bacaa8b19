using Normative.Models;
using Normative.Tests.TestData;
using Normative.Training;

namespace Normative.Tests.Models;

/// <summary>The Table 1 baselines and the flow models (issue 5) through the shared trainer, scorer and checkpoints.</summary>
public sealed class OtherModelsTrainingTests
{
    public static TheoryData<string> NewModels => new() { "mmjsd", "jmvae", "mvtcae", "mmvm" };

    [Theory]
    [MemberData(nameof(NewModels))]
    public void TrainsWithFiniteDecreasingLoss(string name)
    {
        using var data = ToyCohort.Create(96, seed: 1);
        using var model = ModelTraining.Create(name, data, aggregator: null);
        var history = Trainer.Fit(model, data, ModelTraining.Quick(25));

        Assert.All(history.Epochs, e => Assert.All(e.Terms.Values, v => Assert.True(double.IsFinite(v))));
        var losses = history.Losses;
        // The model's own bound must fall clearly: last three epochs below 80% of the first (as for mmvae).
        Assert.True(losses.TakeLast(3).Average() < 0.8 * losses[0], $"Loss went from {losses[0]:F2} to {losses[^1]:F2}.");
    }
}
