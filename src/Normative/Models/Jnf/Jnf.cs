using Normative.Aggregation;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Normative.Models;

/// <summary>
/// JNF, trained in two stages inside one run (jnf-paper §3):
/// <para>stage 1 (epochs 1..<see cref="JnfOptions.JointEpochs"/>): a VAE with a joint encoder q(z | X) over all
/// modalities and per-modality decoders, L = beta_rec E_q[sum_m ||x_m - D_m(z)||^2] + beta_kl KL(q(z | X) || p(z)) (Eq. 3);</para>
/// <para>stage 2 (the remaining epochs): with the joint model frozen, unimodal posteriors
/// q_j(z | x_j), Gaussians N(mu_j(x_j), sigma_j(x_j)) transformed by masked autoregressive flows (Eq. 10),
/// trained on sum_j KL(q(z | X) || q_j(z | x_j)), i.e. -sum_j E_{q(z | X)}[log q_j(z | x_j)] (Eqs. 7-8).</para>
/// Subset posteriors are p(z | x_S) ∝ prod_{j in S} q_j(z | x_j) / p(z)^{|S| - 1} (Eq. 12), sampled by HMC.
/// </summary>
/// <remarks>
/// Senellart and Allasonnière, "Bridging the inference gap in Multimodal Variational Autoencoders", 2025
/// (HAL hal-04932313). The stage is chosen from the step's epoch (<see cref="StepContext"/>), so the shared
/// trainer runs both; each stage has its own Adam optimiser (stage 1: joint encoder and decoders; stage 2:
/// unimodal encoders and flows). Subject latent: a complete subject gets the joint posterior mean; a subject
/// with one modality the mean and variance of <see cref="JnfOptions.PosteriorSamples"/> draws from that
/// modality's flow posterior; a subject with several but not all modalities (M &gt; 2) the mean and variance
/// of HMC samples from Eq. 12. Those draws use a generator seeded with the model's seed at every call, so
/// scores are reproducible. Training needs complete subjects. The reported loss is the joint model's
/// negative ELBO in both stages (frozen in stage 2, whose own term is "nll_unimodal").
/// </remarks>
public class Jnf : MultimodalVae
{
    private readonly JointEncoder joint;
    private readonly ModuleList<MaskedAutoregressiveFlow> flows;
    private Adam? jointOptimizer;
    private Adam? posteriorOptimizer;

    public Jnf(ModelSpec spec) : this(spec, null)
    {
    }

    /// <param name="spec">Architecture and options.</param>
    /// <param name="unimodalInputs">Input width of each unimodal encoder (JNF-Shared: the projection size); null: the modality's features.</param>
    protected Jnf(ModelSpec spec, IReadOnlyList<int>? unimodalInputs) : base(FixedAggregator.Apply(spec, null), InputLayout.PerModality, unimodalInputs)
    {
        Options = OptionsOf<JnfOptions>(spec);
        joint = AddModule("joint_encoder", new JointEncoder("joint_encoder", Spec));
        flows = AddModule("flows", ModuleList(Enumerable.Range(0, ModalityCount)
            .Select(m => new MaskedAutoregressiveFlow($"flow{m + 1}", LatentDim, Options.FlowBlocks, Options.FlowHidden)).ToArray()));
    }

    /// <summary>The model's options.</summary>
    public JnfOptions Options { get; }

    /// <summary>Stage-1 epochs of a run of <paramref name="runEpochs"/> epochs.</summary>
    public int JointEpochs(int runEpochs) => Options.JointEpochs
        ?? (runEpochs > 0 ? (runEpochs + 1) / 2
            : throw new InvalidOperationException($"Model '{Spec.Name}' schedules its two stages over the run; set {nameof(JnfOptions.JointEpochs)} or pass the run's epochs in the step context."));

    /// <inheritdoc/>
    public override void PrepareTraining(double learningRate)
    {
        jointOptimizer?.Dispose();
        posteriorOptimizer?.Dispose();
        jointOptimizer = optim.Adam(joint.parameters().Concat(DecoderParameters()), learningRate);
        posteriorOptimizer = optim.Adam(EncoderParameters().Concat(flows.parameters()), learningRate);
    }

    /// <inheritdoc/>
    public override StepResult TrainStep(ModelBatch batch, StepContext context)
    {
        ToViews(batch);
        JointEncoder.RequireComplete(batch, Spec.Name);
        return context.Epoch <= JointEpochs(context.Epochs) ? JointStep(batch, context) : PosteriorStep(batch, context);
    }

    /// <summary>
    /// The joint posterior q(z | X) for complete subjects; for the others the moments of the unimodal
    /// flow posterior (one modality) or of HMC samples from Eq. 12 (several).
    /// </summary>
    public override GaussianMixture Posterior(ModelBatch batch)
    {
        using var scope = NewDisposeScope();
        var views = ToViews(batch);
        var (mu, logVar) = joint.forward(views.Inputs, batch.Covariates, views.Observed);
        var incomplete = views.Observed.all(1).logical_not().nonzero().squeeze(1);
        if (incomplete.numel() > 0)
        {
            using var generator = new Generator((ulong)Spec.Seed, CPU);
            var (partialMu, partialLogVar) = PartialPosterior(batch.Rows(incomplete), generator);
            mu = mu.index_copy(0, incomplete, partialMu);
            logVar = logVar.index_copy(0, incomplete, partialLogVar);
        }
        return GaussianMixture.Single(mu, logVar).MoveToOuterDisposeScope();
    }

    /// <summary>log q_j(z | x_j) of every modality's flow posterior at z [n, d]: [M, n] (Eq. 10).</summary>
    public Tensor UnimodalLogDensity(ModelBatch batch, Tensor z)
    {
        using var scope = NewDisposeScope();
        var start = EncodeViews(UnimodalInputs(batch.Modalities), batch.Covariates);
        var log = Enumerable.Range(0, ModalityCount).Select(j =>
        {
            var (u, logDet) = flows[j].forward(z);
            return DiagonalGaussian.LogDensity(u, start.Mu[j], start.LogVar[j]) + logDet;
        });
        return stack(log, 0).MoveToOuterDisposeScope();
    }

    /// <summary>What the unimodal encoders read: the modalities themselves (JNF-Shared: their projections).</summary>
    protected virtual IReadOnlyList<Tensor> UnimodalInputs(IReadOnlyList<Tensor> modalities) => modalities;

    /// <summary>Stage 1: one Adam step of the joint encoder and decoders on the negative ELBO.</summary>
    protected virtual StepResult JointStep(ModelBatch batch, StepContext context)
    {
        var adam = jointOptimizer ?? throw new InvalidOperationException("Call PrepareTraining before TrainStep.");
        adam.zero_grad();
        var (rec, kl) = JointElbo(batch, context);
        var loss = Options.BetaRec * rec + Options.BetaKl * kl;
        var terms = ReadTerms(context, ("rec", rec), ("kl", kl), ("loss", loss));
        loss.backward();
        adam.step();
        return new StepResult(terms["rec"] + terms["kl"], terms);
    }

    /// <summary>Stage 2: one Adam step of the unimodal encoders and flows on -sum_j log q_j(z | x_j), z ~ q(z | X) frozen.</summary>
    private StepResult PosteriorStep(ModelBatch batch, StepContext context)
    {
        var adam = posteriorOptimizer ?? throw new InvalidOperationException("Call PrepareTraining before TrainStep.");
        Tensor rec, kl, z;
        using (no_grad())
        {
            (rec, kl) = JointElbo(batch, context);
            var (mu, logVar) = joint.forward(batch.Modalities, batch.Covariates, batch.Observed);
            z = GaussianMixture.Single(mu, logVar).Sample(context.Random);
        }
        adam.zero_grad();
        var nll = -UnimodalLogDensity(batch, z).sum(dim: 0).mean();
        var terms = ReadTerms(context, ("rec", rec), ("kl", kl), ("nll_unimodal", nll));
        nll.backward();
        adam.step();
        return new StepResult(terms["rec"] + terms["kl"], terms);
    }

    private (Tensor Rec, Tensor Kl) JointElbo(ModelBatch batch, StepContext context)
    {
        var (mu, logVar) = joint.forward(batch.Modalities, batch.Covariates, batch.Observed);
        var posterior = GaussianMixture.Single(mu, logVar);
        var reconstruction = DecodeViews(posterior.Sample(context.Random), batch.Covariates);
        return (SquaredError(batch.Modalities, reconstruction).mean(), posterior.KlToPrior().mean());
    }

    /// <summary>Mean and log-variance [n, d] of the posterior of subjects that lack some modality.</summary>
    private (Tensor Mu, Tensor LogVar) PartialPosterior(ModelBatch batch, Generator generator)
    {
        var observed = batch.Observed;
        var counts = observed.sum(1);
        var mu = zeros(batch.Count, LatentDim, device: Device);
        var logVar = zeros(batch.Count, LatentDim, device: Device);
        var start = EncodeViews(UnimodalInputs(batch.Modalities), batch.Covariates);
        for (int j = 0; j < ModalityCount; j++)
        {
            var rows = counts.eq(1).logical_and(observed[.., j]).nonzero().squeeze(1);
            if (rows.numel() == 0) continue;
            var samples = SampleUnimodal(j, start.Mu[j].index_select(0, rows), start.LogVar[j].index_select(0, rows), generator);
            mu = mu.index_copy(0, rows, samples.mean([0]));
            logVar = logVar.index_copy(0, rows, LogVariance(samples));
        }
        var subsetRows = counts.gt(1).nonzero().squeeze(1);
        if (subsetRows.numel() > 0)
        {
            var subset = batch.Rows(subsetRows);
            var subsetObserved = subset.Observed;
            var subsetStart = new GaussianParameters(start.Mu.index_select(1, subsetRows), start.LogVar.index_select(1, subsetRows));
            var (initial, _) = ProductOfExperts.Combine(subsetStart.Mu, subsetStart.LogVar, subsetObserved.t(), includePriorExpert: false);
            var priorPower = subsetObserved.sum(1).to_type(initial.dtype) - 1.0;
            Tensor Target(Tensor z) =>
                UnimodalLogDensity(subset, z).masked_fill(subsetObserved.t().logical_not(), 0.0).sum(dim: 0)
                - priorPower * DiagonalGaussian.LogStandardNormal(z);
            var sampler = new HamiltonianMonteCarlo(Options.LeapfrogSteps, Options.LeapfrogStepSize, Options.HmcBurnIn, Options.HmcSamples);
            var samples = sampler.Sample(Target, initial, generator).Samples;
            mu = mu.index_copy(0, subsetRows, samples.mean([0]));
            logVar = logVar.index_copy(0, subsetRows, LogVariance(samples));
        }
        return (mu, logVar);
    }

    /// <summary><see cref="JnfOptions.PosteriorSamples"/> draws from q_j(z | x_j): u ~ N(mu, sigma^2), z = f(u). [S, n, d].</summary>
    private Tensor SampleUnimodal(int modality, Tensor mu, Tensor logVar, Generator generator)
    {
        int s = Options.PosteriorSamples;
        long n = mu.shape[0];
        var eps = randn([s, n, LatentDim], mu.dtype, generator.device, generator: generator).to(mu.device);
        var u = mu + (0.5 * logVar).exp() * eps;
        return flows[modality].FromBase(u.reshape(s * n, LatentDim)).reshape(s, n, LatentDim);
    }

    /// <summary>The log of the per-dimension sample variance of draws [S, n, d] (floored so a degenerate sample stays finite).</summary>
    private static Tensor LogVariance(Tensor samples) => samples.var([0], unbiased: false).clamp_min(1e-12).log();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            jointOptimizer?.Dispose();
            posteriorOptimizer?.Dispose();
        }
        base.Dispose(disposing);
    }
}
