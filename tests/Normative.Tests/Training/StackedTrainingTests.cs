using Normative.Aggregation;
using Normative.Models;
using Normative.Tests.Models;
using Normative.Tests.TestData;
using Normative.Training;

namespace Normative.Tests.Training;

public sealed class StackedTrainingTests
{
    private static readonly int[] Seeds = [3, 7, 11];

    /// <summary>Every model of <see cref="ModelTrainingTests.EveryModel"/> the registry marks stackable: the list cannot drift from the registry.</summary>
    public static TheoryData<string, AggregatorKind?> Stackable
    {
        get
        {
            var data = new TheoryData<string, AggregatorKind?>();
            foreach (var row in ModelTrainingTests.EveryModel)
                if (ModelRegistry.Get((string)row[0]).Stackable) data.Add((string)row[0], (AggregatorKind?)row[1]);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Stackable))]
    public void EachMemberOfAStackIsTheModelItsSeedTrainsAlone(string name, AggregatorKind? aggregator)
    {
        // 50 subjects, batch 32: two batches per epoch, the second smaller, as in real runs.
        using var data = ToyCohort.Create(50, seed: 41);
        var options = ModelTraining.Quick(3);
        using var stack = ModelFactory.Create(ModelTraining.Create(name, data, aggregator).Spec with { MemberSeeds = Seeds });

        // Before training: every member holds its seed's initial weights bit for bit.
        for (int k = 0; k < Seeds.Length; k++)
        {
            using var member = stack.ExtractMember(k);
            using var alone = ModelTraining.Create(name, data, aggregator, seed: Seeds[k]);
            AssertSameWeights(alone, member, 0);
        }

        var histories = Trainer.FitStack(stack, data, options);
        for (int k = 0; k < Seeds.Length; k++)
        {
            using var member = stack.ExtractMember(k);
            using var alone = ModelTraining.Create(name, data, aggregator, seed: Seeds[k]);
            var history = Trainer.Fit(alone, data, options with { Seed = Seeds[k] });
            // Tolerance: batched and plain matrix products may sum in another order (float32 rounding, ~1e-7
            // relative per operation), compounded over 6 Adam steps; a different batch order, draw or gradient
            // scale would move weights by ~1e-3 (learning rate 3e-3).
            AssertSameWeights(alone, member, 2e-5);
            for (int e = 0; e < history.Losses.Count; e++) Assert.Equal(history.Losses[e], histories[k].Losses[e], 1e-4 * Math.Max(1, Math.Abs(history.Losses[e])));
            var expected = Scorer.Score(alone, data);
            var actual = Scorer.Score(member, data);
            TensorAssert.Close(TorchSharp.torch.tensor(expected.AllErrors().Cast<double>().ToArray()), TorchSharp.torch.tensor(actual.AllErrors().Cast<double>().ToArray()), 1e-4);
            TensorAssert.Close(TorchSharp.torch.tensor(expected.Latent.Cast<double>().ToArray()), TorchSharp.torch.tensor(actual.Latent.Cast<double>().ToArray()), 1e-4);
        }
    }

    [Fact]
    public void ModelsThatCannotStackSayWhy()
    {
        using var data = ToyCohort.Create(10, seed: 42);
        var spec = ModelTraining.Create("jnf", data, null).Spec with { MemberSeeds = Seeds };
        var error = Assert.Throws<ArgumentException>(() => ModelFactory.Create(spec));
        Assert.Contains("cannot be trained as a stack", error.Message);
    }

    private static void AssertSameWeights(MultimodalVae expected, MultimodalVae actual, double tolerance)
    {
        var a = actual.state_dict();
        foreach (var (name, weight) in expected.state_dict()) TensorAssert.Close(weight, a[name], tolerance);
    }
}
