namespace Normative.Training;

/// <summary>The two presets of design §4.</summary>
public static class TrainingPresets
{
    /// <summary>
    /// The paper's settings (§4.1 and App. C): 500 epochs, Adam lr 1e-5, batch 64, beta_rec = beta_kl = 1,
    /// beta_neg = 10, gamma_r = 1e-8, s = 1/90, no warm-up.
    /// </summary>
    public static TrainingPreset Paper { get; } = new(
        "paper",
        new TrainingOptions { Epochs = 500, LearningRate = 1e-5, BatchSize = 64 },
        BetaRec: 1.0, BetaKl: 1.0, BetaNeg: 10.0, GammaR: 1e-8, Scale: 1.0 / 90.0, WarmupEpochs: 0);

    /// <summary>
    /// The package default, chosen on a validation split of the training controls (see the README):
    /// the paper's loss weights with s = 1 / (total input features) — Soft-IntroVAE's rule — and a
    /// learning rate at which the models converge within the epoch budget.
    /// </summary>
    public static TrainingPreset Default { get; } = new(
        "default",
        new TrainingOptions { Epochs = 200, LearningRate = 1e-3, BatchSize = 64 },
        BetaRec: 1.0, BetaKl: 1.0, BetaNeg: 10.0, GammaR: 1e-8, Scale: null, WarmupEpochs: 0);

    /// <summary>The preset called <paramref name="name"/>: "paper" or "default".</summary>
    public static TrainingPreset Get(string name) => name.Trim().ToLowerInvariant() switch
    {
        "paper" => Paper,
        "default" => Default,
        _ => throw new ArgumentException($"Unknown preset '{name}'; expected 'default' or 'paper'.", nameof(name)),
    };
}
