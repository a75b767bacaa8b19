using Normative.Aggregation;
using static TorchSharp.torch;

namespace Normative.Models;

/// <summary>
/// MMVM VAE: independent encoders q_m(z_m | x_m) and decoders p(x_m | z_m) per modality, each modality
/// reconstructed from its own latent, the modalities tied only by the data-dependent mixture prior
/// h(z | X) = 1/M sum_m q_m (mmvm-vae paper Eqs. 1-2):
/// L = beta_rec sum_m E_{q_m}[||x_m - D_m(z_m)||^2] + beta_kl sum_m KL(q_m(z_m | x_m) || h(z_m | X)),
/// the rate term by Monte Carlo (<see cref="MixturePrior"/>).
/// </summary>
/// <remarks>
/// Sutter, Meng, Fortuin et al., "Unity by Diversity: Improved Representation Learning in Multimodal
/// VAEs", 2024 (arXiv:2403.05300). A normative model needs one latent per subject; MMVM has M. The
/// subject latent is the mean of h(z | X) over the observed modalities, i.e. the average of the unimodal
/// means: h is the distribution the model pulls every z_m towards (so it is the "shared" representation
/// the prior defines), it needs no extra parameters, and with a missing modality it is the mixture of
/// the ones observed, exactly what the training prior would be for that subject. Scoring reconstructs
/// each observed modality from its own unimodal posterior mean, as the model was trained; a missing
/// modality is predicted by its decoder at the subject latent (cross-modal generation through h).
/// The reported loss is the model's own bound, reconstruction plus rate.
/// </remarks>
public sealed class Mmvm : MmVae
{
    public Mmvm(ModelSpec spec) : base(FixedAggregator.Apply(spec, AggregatorKind.MoE), InputLayout.PerModality)
    {
        Options = OptionsOf<MmvmOptions>(spec);
    }

    /// <summary>The model's options.</summary>
    public MmvmOptions Options { get; }

    /// <summary>Observed modalities from their own unimodal mean, missing ones from <paramref name="z"/>.</summary>
    public override IReadOnlyList<Tensor> Reconstruct(ModelBatch batch, Tensor z)
    {
        using var scope = NewDisposeScope();
        var views = ToViews(batch);
        var unimodal = EncodeViews(views.Inputs, batch.Covariates);
        var result = new Tensor[ModalityCount];
        for (int m = 0; m < ModalityCount; m++)
        {
            var own = DecodeView(m, unimodal.Mu[m], batch.Covariates);
            var shared = DecodeView(m, z, batch.Covariates);
            result[m] = where(views.Observed[.., m].unsqueeze(1), own, shared).MoveToOuterDisposeScope();
        }
        return result;
    }

    /// <inheritdoc/>
    protected override StepObjective Objective(ModelBatch batch, StepContext context)
    {
        var views = ToViews(batch);
        var unimodal = EncodeViews(views.Inputs, batch.Covariates);
        var z = SampleLatents(unimodal, context);
        var reconstruction = Enumerable.Range(0, ModalityCount).Select(m => DecodeView(m, z[0, m], batch.Covariates)).ToArray();
        var rec = BatchMean(SquaredError(views.Inputs, reconstruction, views.Observed));
        var rate = BatchMean(MixturePrior.Kl(unimodal, views.Observed, z).sum(dim: 0));
        var loss = Options.BetaRec * rec + Options.BetaKl * rate;
        return new StepObjective(loss, [("rec", rec), ("rate", rate), ("loss", loss)], ["rec", "rate"]);
    }

    /// <summary>The Monte-Carlo draws [S, M, rows, d] of <see cref="MixturePrior.Sample"/>: in a stack, each member's rows
    /// from the member's own generator (as it would draw alone), joined along the rows.</summary>
    private Tensor SampleLatents(GaussianParameters unimodal, StepContext context)
    {
        if (Members == 1) return MixturePrior.Sample(unimodal, Options.KlSamples, context.Random);
        using var scope = NewDisposeScope();
        long rows = unimodal.Mu.shape[1] / Members;
        var draws = Enumerable.Range(0, Members).Select(k => MixturePrior.Sample(
            new GaussianParameters(unimodal.Mu.narrow(1, k * rows, rows), unimodal.LogVar.narrow(1, k * rows, rows)),
            Options.KlSamples, context.RandomOf(k))).ToArray();
        return cat(draws, 2).MoveToOuterDisposeScope();
    }
}
