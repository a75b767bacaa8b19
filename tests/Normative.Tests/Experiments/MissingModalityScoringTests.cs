using Normative.Aggregation;
using Normative.Data;
using Normative.Deviation;
using Normative.Experiments;
using Normative.Models;
using Normative.Tests.Models;
using Normative.Tests.TestData;
using Normative.Training;

namespace Normative.Tests.Experiments;

/// <summary>
/// Issue 19: held-out controls and patients lacking PET are scored end to end by every model type — against the
/// reference of their own observed-modality pattern — or refused with the subject and modality named.
/// </summary>
public sealed class MissingModalityScoringTests
{
    public static TheoryData<string, AggregatorKind?> EveryModel => new()
    {
        { "vae", null }, { "sivae", null }, { "mmvae", AggregatorKind.MoPoE }, { "mmvae", AggregatorKind.PoE }, { "mmvae", AggregatorKind.MoE },
        { "mmvae", AggregatorKind.Avg }, { "mmsivae", AggregatorKind.MoPoE }, { "mmjsd", null }, { "jmvae", null }, { "mvtcae", null },
        { "mmvm", null }, { "jnf", null }, { "jnf-shared", null },
    };

    [Fact]
    public void EveryRegisteredModelIsCovered() =>
        Assert.Equal(ModelRegistry.All.Select(d => d.Name).Order(), EveryModel.Select(row => (string)row[0]).Distinct().Order());

    [Theory]
    [MemberData(nameof(EveryModel))]
    public void SubjectsWithoutPetAreScoredOrRefusedByName(string name, AggregatorKind? aggregator)
    {
        using var everyone = ToyCohort.Create(90, seed: 5);
        using var train = everyone.Select(Enumerable.Range(0, 60).Select(i => (long)i).ToArray());
        using var holdoutComplete = everyone.Select(Enumerable.Range(60, 15).Select(i => (long)i).ToArray());
        using var patientsComplete = everyone.Select(Enumerable.Range(75, 15).Select(i => (long)i).ToArray());
        using var holdout = ToyCohort.WithMissing(holdoutComplete, 1, [1, 4, 7], 0f);
        using var patients = ToyCohort.WithMissing(patientsComplete, 1, [0, 2], 0f);
        var options = name == "sivae" || name == "mmsivae" ? new MmSivaeOptions { BetaNeg = 5, Scale = 0.01 } : null;
        var model = ModelTraining.Create(name, train, aggregator, latent: 3, options: options);
        var history = Trainer.Fit(model, train, ModelTraining.Quick(3));
        var method = new MethodSpec(name, name, name, aggregator);
        using var run = ModelEvaluator.Evaluate(model, history, TimeSpan.Zero, method, 0, DeviationConventions.Default, train, holdout, patients);

        if (model.Layout == InputLayout.Concatenated)
        {
            Assert.Equal(12, run.Holdout.Count);
            var refused = run.Holdout.Refused.Select(r => r.SubjectId).ToArray();
            Assert.Equal([holdout.SubjectIds[1], holdout.SubjectIds[4], holdout.SubjectIds[7]], refused);
            Assert.All(run.Holdout.Refused.Concat(run.Patients.Refused), r => Assert.Equal(["pet"], r.MissingModalities));
            Assert.Contains("concatenates", run.Patients.Refused[0].ToString());
            Assert.Contains(patients.SubjectIds[2], run.Patients.Refused.Select(r => r.SubjectId));
            Assert.Equal(new Dictionary<string, int> { ["mri+pet"] = 12 }, run.Holdout.ScoredPatterns);
            return;
        }
        Assert.Empty(run.Holdout.Refused);
        Assert.Equal(new Dictionary<string, int> { ["mri+pet"] = 12, ["mri"] = 3 }, run.Holdout.ScoredPatterns);
        Assert.Equal(new Dictionary<string, int> { ["mri+pet"] = 13, ["mri"] = 2 }, run.Patients.ScoredPatterns);
        Assert.Equal([run.References!.CompletePattern.Key, "mri"], run.References.Patterns.Select(p => p.Key));
        var deviations = run.Holdout.Deviations;
        Assert.All(deviations.FeatureSquaredDistance, d => Assert.True(double.IsFinite(d) && d >= 0));
        Assert.All(deviations.LatentSquaredDistance, d => Assert.True(double.IsFinite(d) && d >= 0));
        // The MRI-only subject is scored against the MRI-only reference over MRI's 12 regions (chi-square df = 12).
        var mriOnly = run.References.For(new ModalityPattern(["mri"]));
        Assert.Equal(12, mriOnly.FeatureThreshold.DegreesOfFreedom);
        Assert.Equal(22, run.References.For(run.References.CompletePattern).FeatureThreshold.DegreesOfFreedom);
        Assert.Equal("mri", deviations.ObservedModalities![1]);
        for (int j = 0; j < 12; j++) Assert.True(double.IsFinite(deviations.FeatureZ[1, j]));
        for (int j = 12; j < 22; j++) Assert.True(double.IsNaN(deviations.FeatureZ[1, j]));

        // The reference of the MRI-only pattern is the training controls scored from MRI alone.
        using var trainMri = train.ObservedOnly(["mri"]);
        var controls = Scorer.Score(model, trainMri, ModelEvaluator.ScoringFor(DeviationConventions.Default)).ToDeviationInputs();
        var expected = NormativeReference.Fit(controls.Restrict(Enumerable.Range(0, controls.Count).ToArray(), new ModalityPattern(["mri"])), DeviationConventions.Default);
        var scored = Scorer.Score(model, holdout, ModelEvaluator.ScoringFor(DeviationConventions.Default)).ToDeviationInputs();
        var direct = expected.Score(scored.Restrict([1], new ModalityPattern(["mri"])));
        Assert.Equal(direct.FeatureSquaredDistance[0], deviations.FeatureSquaredDistance[1], 6);
        Assert.Equal(direct.LatentSquaredDistance[0], deviations.LatentSquaredDistance[1], 6);
    }

    [Fact]
    public void CompleteCohortsGetTheSameNumbersAsASingleReference()
    {
        using var everyone = ToyCohort.Create(80, seed: 6);
        using var train = everyone.Select(Enumerable.Range(0, 60).Select(i => (long)i).ToArray());
        using var holdout = everyone.Select(Enumerable.Range(60, 20).Select(i => (long)i).ToArray());
        var model = ModelTraining.Create("mmvae", train, AggregatorKind.MoPoE, latent: 3);
        var history = Trainer.Fit(model, train, ModelTraining.Quick(2));
        using var run = ModelEvaluator.Evaluate(model, history, TimeSpan.Zero, new MethodSpec("mmvae", "mmvae", "mmvae", AggregatorKind.MoPoE), 0,
            DeviationConventions.Default, train, holdout, holdout);
        var scoring = ModelEvaluator.ScoringFor(DeviationConventions.Default);
        var reference = NormativeReference.Fit(new DeviationInputs(Scorer.Score(model, train, scoring).Latent, Scorer.Score(model, train, scoring).AllErrors(), RegionalErrorKind.Squared), DeviationConventions.Default);
        var single = reference.Score(new DeviationInputs(Scorer.Score(model, holdout, scoring).Latent, Scorer.Score(model, holdout, scoring).AllErrors(), RegionalErrorKind.Squared));
        Assert.Equal(single.FeatureSquaredDistance, run.Holdout.Deviations.FeatureSquaredDistance);
        Assert.Equal(single.LatentSquaredDistance, run.Holdout.Deviations.LatentSquaredDistance);
        Assert.Equal(new Dictionary<string, int> { ["mri+pet"] = 20 }, run.Holdout.ScoredPatterns);
    }
}
