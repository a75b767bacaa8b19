using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Normative.Models;

/// <summary>
/// Multimodal soft-introspective VAE (mmSIVAE, Algorithm 1 / App. C): encoders and decoders play the
/// min-max game of Eq. 6 with separate Adam optimisers, an encoder update then a decoder update per
/// batch. With s the scale, L_r sums of squared errors over features and KL to N(0, I), all averaged
/// over the batch:
/// <para>L_E = s (beta_rec L_r(X) + beta_kl KL(X)) + 1/4 (expELBO_rec + expELBO_fake),
/// expELBO_* = mean_i exp(-2 s (beta_rec L_r(x_i*) + beta_neg KL(x_i*))) on the re-encoded
/// reconstructions X_r and prior samples X_f (Eq. 29);</para>
/// <para>L_D = s (beta_rec L_r(X) + 1/2 beta_kl (KL(X_r) + KL(X_f)) + 1/2 gamma_r beta_rec (L_r(X_rr) + L_r(X_ff))) (Eq. 30).</para>
/// </summary>
/// <remarks>
/// Kumar, Payne, Ghosh et al., "Multimodal normative modeling in Alzheimer's disease with introspective
/// variational autoencoders", 2025; Daniel and Tamar, "Soft-IntroVAE: Analyzing and Improving the
/// Introspective Variational Autoencoder", CVPR 2021 (arXiv:2012.13253). The constants (1/4 on the
/// expELBOs, 1/2 on the decoder's generated-data terms) and the stop-gradients follow the Soft-IntroVAE
/// reference training step, which agrees with Algorithm 1 (design §4): in the encoder update the decoder
/// is frozen and X_r, X_f enter the encoders detached; in the decoder update the encoders are frozen,
/// X_r is decoded from the detached real latent, the re-encoded latents are detached before decoding,
/// and the targets X_r, X_f of the generated-data reconstruction terms are detached.
/// </remarks>
public class MmSivae : MultimodalVae
{
    private Adam? encoderOptimizer;
    private Adam? decoderOptimizer;

    public MmSivae(ModelSpec spec) : this(spec, InputLayout.PerModality)
    {
    }

    protected MmSivae(ModelSpec spec, InputLayout layout) : base(spec, layout)
    {
        Options = spec.Options as MmSivaeOptions
            ?? throw new ArgumentException($"Model '{spec.Name}' needs {nameof(MmSivaeOptions)}; got {spec.Options.GetType().Name}.", nameof(spec));
    }

    /// <summary>The introspective options.</summary>
    public MmSivaeOptions Options { get; }

    /// <summary>The scale s: the option, or 1 / (total input features).</summary>
    public double Scale => Options.Scale ?? 1.0 / Spec.TotalFeatures;

    /// <inheritdoc/>
    public override void PrepareTraining(double learningRate)
    {
        encoderOptimizer?.Dispose();
        decoderOptimizer?.Dispose();
        encoderOptimizer = optim.Adam(EncoderParameters(), learningRate);
        decoderOptimizer = optim.Adam(DecoderParameters(), learningRate);
    }

    /// <inheritdoc/>
    public override StepResult TrainStep(ModelBatch batch, StepContext context)
    {
        if (context.Epoch <= Options.WarmupEpochs) return WarmupStep(batch, context);
        var encoderPhase = UpdateEncoder(batch, context);
        var decoderTerms = UpdateDecoder(batch, encoderPhase, context);
        var members = new StepResult[Members];
        for (int k = 0; k < Members; k++)
        {
            var terms = new Dictionary<string, double>(encoderPhase.Terms[k]);
            foreach (var (name, value) in decoderTerms[k]) terms[name] = value;
            members[k] = new StepResult(terms["rec"] + terms["kl"], terms);
        }
        return Combine(members);
    }

    /// <summary>
    /// Algorithm 1, UpdateEncoder: one Adam step of the encoders on L_E with the decoders frozen. Returns
    /// the real latent Z and prior noise Z_f the decoder update reuses.
    /// </summary>
    internal EncoderPhase UpdateEncoder(ModelBatch batch, StepContext context)
    {
        var adam = encoderOptimizer ?? throw new InvalidOperationException("Call PrepareTraining before training.");
        var c = batch.Covariates;
        long n = batch.Count;
        var o = Options;
        double s = Scale;
        try
        {
            SetTrainable(encodersTrainable: true, decodersTrainable: false);
            var noise = PriorSample(n, context);
            var fake = DecodeViews(noise, c);

            var (_, z, reconstruction, rec, kl) = RealElbo(batch, context);

            var generated = AllObserved(n);
            var reconstructionPosterior = PosteriorOf(Detached(reconstruction), c, generated);
            var fakePosterior = PosteriorOf(Detached(fake), c, generated);
            var recRec = SquaredError(reconstruction, DecodeViews(Sample(reconstructionPosterior, context), c));
            var recFake = SquaredError(fake, DecodeViews(Sample(fakePosterior, context), c));
            var klRec = reconstructionPosterior.KlToPrior();
            var klFake = fakePosterior.KlToPrior();

            var expElboRec = BatchMean((-2.0 * s * (o.BetaRec * recRec + o.BetaNeg * klRec)).exp());
            var expElboFake = BatchMean((-2.0 * s * (o.BetaRec * recFake + o.BetaNeg * klFake)).exp());
            var lossE = s * (o.BetaRec * rec + o.BetaKl * kl) + 0.25 * (expElboRec + expElboFake);

            var terms = ReadMemberTerms(context, ("rec", rec), ("kl", kl), ("expelbo_rec", expElboRec),
                ("expelbo_fake", expElboFake), ("loss_encoder", lossE));
            adam.zero_grad();
            Total(lossE).backward();
            adam.step();
            return new EncoderPhase(z.detach(), noise, terms);
        }
        finally
        {
            SetTrainable(true, true);
        }
    }

    /// <summary>
    /// Algorithm 1, UpdateDecoder: one Adam step of the decoders on L_D with the encoders frozen, using
    /// the real latent and prior noise of the preceding encoder update.
    /// </summary>
    internal Dictionary<string, double>[] UpdateDecoder(ModelBatch batch, EncoderPhase encoderPhase, StepContext context)
    {
        var adam = decoderOptimizer ?? throw new InvalidOperationException("Call PrepareTraining before training.");
        var views = ToViews(batch);
        var c = batch.Covariates;
        var o = Options;
        double s = Scale;
        try
        {
            SetTrainable(encodersTrainable: false, decodersTrainable: true);
            var fake = DecodeViews(encoderPhase.PriorNoise, c);
            var reconstruction = DecodeViews(encoderPhase.RealLatent, c);
            var rec = BatchMean(SquaredError(views.Inputs, reconstruction, views.Observed));

            var generated = AllObserved(batch.Count);
            var reconstructionPosterior = PosteriorOf(reconstruction, c, generated);
            var fakePosterior = PosteriorOf(fake, c, generated);
            var recRec = BatchMean(SquaredError(Detached(reconstruction), DecodeViews(Sample(reconstructionPosterior, context).detach(), c)));
            var recFake = BatchMean(SquaredError(Detached(fake), DecodeViews(Sample(fakePosterior, context).detach(), c)));
            var klRec = BatchMean(reconstructionPosterior.KlToPrior());
            var klFake = BatchMean(fakePosterior.KlToPrior());

            var lossD = s * (o.BetaRec * rec + 0.5 * o.BetaKl * (klRec + klFake) + 0.5 * o.GammaR * o.BetaRec * (recRec + recFake));
            var terms = ReadMemberTerms(context, ("rec_decoder", rec), ("kl_rec", klRec), ("kl_fake", klFake),
                ("rec_rec", recRec), ("rec_fake", recFake), ("loss_decoder", lossD));
            adam.zero_grad();
            Total(lossD).backward();
            adam.step();
            return terms;
        }
        finally
        {
            SetTrainable(true, true);
        }
    }

    /// <summary>
    /// A plain-VAE step used during the warm-up epochs: both optimisers on s (beta_rec L_r + beta_kl KL),
    /// as the Soft-IntroVAE reference code does before the introspective phase.
    /// </summary>
    private StepResult WarmupStep(ModelBatch batch, StepContext context)
    {
        var encoderAdam = encoderOptimizer ?? throw new InvalidOperationException("Call PrepareTraining before training.");
        var decoderAdam = decoderOptimizer!;
        var (_, _, _, rec, kl) = RealElbo(batch, context);
        var loss = Scale * (Options.BetaRec * rec + Options.BetaKl * kl);
        var members = ReadMemberTerms(context, ("rec", rec), ("kl", kl), ("loss_warmup", loss));
        encoderAdam.zero_grad();
        decoderAdam.zero_grad();
        Total(loss).backward();
        encoderAdam.step();
        decoderAdam.step();
        return Combine(members.Select(terms => new StepResult(terms["rec"] + terms["kl"], terms)).ToArray());
    }

    private static Tensor[] Detached(IReadOnlyList<Tensor> tensors) => tensors.Select(t => t.detach()).ToArray();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            encoderOptimizer?.Dispose();
            decoderOptimizer?.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>What the encoder update hands to the decoder update.</summary>
    /// <param name="RealLatent">Z, the sampled latent of the real batch (detached).</param>
    /// <param name="PriorNoise">Z_f ~ N(0, I).</param>
    /// <param name="Terms">The encoder-side loss terms, one dictionary per stack member (one for a single model).</param>
    internal sealed record EncoderPhase(Tensor RealLatent, Tensor PriorNoise, IReadOnlyList<Dictionary<string, double>> Terms);
}
