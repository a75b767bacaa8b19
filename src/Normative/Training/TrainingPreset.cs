using Normative.Models;

namespace Normative.Training;

/// <summary>
/// A named set of hyper-parameters (design §4): the optimisation settings and the loss weights every
/// model reads (beta_rec, beta_kl) or the introspective ones read (beta_neg, gamma_r, s, warm-up).
/// </summary>
/// <param name="Name">"paper" or "default".</param>
/// <param name="Training">Epochs, learning rate, batch size, seed.</param>
/// <param name="BetaRec">beta_rec.</param>
/// <param name="BetaKl">beta_kl.</param>
/// <param name="BetaNeg">beta_neg (introspective models).</param>
/// <param name="GammaR">gamma_r (introspective models).</param>
/// <param name="Scale">s (introspective models); null = 1 / total input features.</param>
/// <param name="WarmupEpochs">Plain-VAE epochs before the introspective phase.</param>
public sealed record TrainingPreset(
    string Name,
    TrainingOptions Training,
    double BetaRec,
    double BetaKl,
    double BetaNeg,
    double GammaR,
    double? Scale,
    int WarmupEpochs)
{
    /// <summary>The options of model <paramref name="modelName"/> with this preset's loss weights applied.</summary>
    public ModelOptions ModelOptionsFor(string modelName) => ApplyTo(ModelRegistry.Get(modelName).DefaultOptions());

    /// <summary><paramref name="options"/> with this preset's loss weights (and, for introspective models,
    /// beta_neg, gamma_r, s and warm-up) applied; other settings are kept.</summary>
    public ModelOptions ApplyTo(ModelOptions options) => options switch
    {
        MmSivaeOptions introspective => introspective with
        {
            BetaRec = BetaRec, BetaKl = BetaKl, BetaNeg = BetaNeg, GammaR = GammaR, Scale = Scale, WarmupEpochs = WarmupEpochs,
        },
        _ => options with { BetaRec = BetaRec, BetaKl = BetaKl },
    };
}
