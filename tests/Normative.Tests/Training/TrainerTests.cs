using Normative.Models;
using Normative.Tests.Models;
using Normative.Tests.TestData;
using Normative.Training;

namespace Normative.Tests.Training;

public sealed class TrainerTests
{
    private sealed class Recorder : IProgress<TrainingProgress>
    {
        public List<TrainingProgress> Reports { get; } = [];

        public void Report(TrainingProgress value) => Reports.Add(value);
    }

    [Fact]
    public void ReportsProgressAndValidationErrorEveryEpoch()
    {
        using var data = ToyCohort.Create(50, seed: 31);
        using var validation = ToyCohort.Create(20, seed: 32);
        using var model = ModelTraining.Create("mmvae", data);
        var recorder = new Recorder();
        var history = Trainer.Fit(model, data, ModelTraining.Quick(4), recorder, validation: validation);
        Assert.Equal([1, 2, 3, 4], recorder.Reports.Select(r => r.Epoch));
        Assert.All(recorder.Reports, r => Assert.Equal(4, r.TotalEpochs));
        Assert.All(history.Epochs, e => Assert.True(e.ValidationMse > 0));
        Assert.Equal(history.Losses, recorder.Reports.Select(r => r.Loss));
        Assert.Equal(history.Epochs.Select(e => e.Terms["kl"]), history.Term("kl"));
    }

    [Fact]
    public void TorchThreadCountIsRestoredAfterTraining()
    {
        using var data = ToyCohort.Create(20, seed: 35);
        using var model = ModelTraining.Create("vae", data);
        int before = TorchSharp.torch.get_num_threads();
        try
        {
            // Torch's intra-op count is per calling thread (OpenMP); this test runs on one thread throughout.
            TorchSharp.torch.set_num_threads(2);
            Trainer.Fit(model, data, ModelTraining.Quick(1) with { Threads = 1 });
            Assert.Equal(2, TorchSharp.torch.get_num_threads());
        }
        finally
        {
            TorchSharp.torch.set_num_threads(before);
        }
    }

    [Fact]
    public void CancellationIsObservedBeforeTheNextBatch()
    {
        using var data = ToyCohort.Create(50, seed: 33);
        using var model = ModelTraining.Create("mmsivae", data);
        using var source = new CancellationTokenSource();
        var progress = new Recorder();
        source.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Trainer.Fit(model, data, ModelTraining.Quick(3), progress, source.Token));
        Assert.Empty(progress.Reports);
    }

    [Fact]
    public void InvalidOptionsAreRejectedUpFront()
    {
        using var data = ToyCohort.Create(10, seed: 34);
        using var model = ModelTraining.Create("vae", data);
        Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Fit(model, data, new TrainingOptions { Epochs = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Fit(model, data, new TrainingOptions { LearningRate = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Fit(model, data, new TrainingOptions { BatchSize = 0 }));
    }

    [Fact]
    public void ThePaperPresetCarriesTheValuesOfAppendixC()
    {
        // Paper §4.1 and App. C.
        var paper = TrainingPresets.Get("paper");
        Assert.Equal(500, paper.Training.Epochs);
        Assert.Equal(1e-5, paper.Training.LearningRate);
        Assert.Equal(64, paper.Training.BatchSize);
        var options = Assert.IsType<MmSivaeOptions>(paper.ModelOptionsFor("mmsivae"));
        Assert.Equal((1.0, 1.0, 10.0, 1e-8, 1.0 / 90), (options.BetaRec, options.BetaKl, options.BetaNeg, options.GammaR, options.Scale!.Value));
        Assert.Equal([64, 32], options.EncoderHidden);
        Assert.Equal([32, 64], options.DecoderHidden);
        Assert.IsNotType<MmSivaeOptions>(paper.ModelOptionsFor("mmvae"));
        Assert.Throws<ArgumentException>(() => TrainingPresets.Get("fast"));
    }

    [Fact]
    public void TheDefaultPresetIsTheValidatedOneAndTheTrainingDefaults()
    {
        // Chosen on the synthetic cohort's training controls (TrainingPresets.Default remarks).
        var preset = TrainingPresets.Get("default");
        Assert.Equal((300, 1e-4, 64), (preset.Training.Epochs, preset.Training.LearningRate, preset.Training.BatchSize));
        Assert.Equal(new TrainingOptions(), preset.Training);
        var options = Assert.IsType<MmSivaeOptions>(preset.ModelOptionsFor("mmsivae"));
        Assert.Null(options.Scale);
    }
}
