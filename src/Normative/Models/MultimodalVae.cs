using Normative.Aggregation;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Normative.Models;

/// <summary>
/// The plumbing every model shares: per-view encoders and decoders conditioned on covariates, the
/// aggregation of unimodal posteriors into q(z | X), decoding, the masked Gaussian reconstruction
/// error, and the split of parameters into encoder and decoder sets. A model differs from another only
/// in its training step (its loss), which subclasses define.
/// </summary>
/// <remarks>
/// A "view" is what one encoder sees: each modality on its own (<see cref="InputLayout.PerModality"/>)
/// or all modalities concatenated (<see cref="InputLayout.Concatenated"/>). Public methods take and
/// return per-modality tensors; views are internal to the models.
/// </remarks>
public abstract class MultimodalVae : Module
{
    private readonly ModuleList<ModalityEncoder> encoders;
    private readonly ModuleList<ModalityDecoder> decoders;
    private readonly IPosteriorAggregator? aggregator;
    private readonly int[] viewFeatures;
    private readonly Generator? initialisation;
    private readonly Generator[]? memberInitialisation;

    /// <param name="spec">Architecture and options; with <see cref="ModelSpec.MemberSeeds"/>, a stack of models of a
    /// stackable type (<see cref="ModelDescriptor.Stackable"/>). A per-modality model without an aggregator
    /// (<see cref="ModelSpec.Aggregator"/> null) fuses its unimodal posteriors itself and overrides
    /// <see cref="Posterior"/>.</param>
    /// <param name="layout">Per-modality or concatenated input.</param>
    /// <param name="encoderInputs">Input width of each encoder when it does not read the raw view (JNF-Shared's
    /// encoders read projections g_j(x_j)); null: the views' feature counts.</param>
    protected MultimodalVae(ModelSpec spec, InputLayout layout, IReadOnlyList<int>? encoderInputs = null) : base(spec.Name)
    {
        Validate(spec);
        Spec = spec;
        Layout = layout;
        if (layout == InputLayout.PerModality)
        {
            viewFeatures = spec.FeatureCounts.ToArray();
            aggregator = spec.Aggregator is { } kind ? Aggregators.Create(kind, spec.Options.MixturePriorExpert) : null;
        }
        else
        {
            viewFeatures = [spec.TotalFeatures];
            aggregator = null;
        }
        if (encoderInputs is not null && encoderInputs.Count != viewFeatures.Length)
            throw new ArgumentException($"{encoderInputs.Count} encoder input widths for {viewFeatures.Length} views.", nameof(encoderInputs));
        var inputs = encoderInputs ?? viewFeatures;
        var o = spec.Options;
        int members = spec.MemberCount;
        encoders = ModuleList(inputs.Select((p, v) => new ModalityEncoder($"encoder{v + 1}", p, spec.CovariateCount, o.EncoderHidden, spec.LatentDim, members)).ToArray());
        decoders = ModuleList(viewFeatures.Select((p, v) => new ModalityDecoder($"decoder{v + 1}", spec.LatentDim, spec.CovariateCount, o.DecoderHidden, p, members)).ToArray());
        RegisterComponents();
        if (spec.MemberSeeds is { } seeds)
        {
            memberInitialisation = seeds.Select(seed => new Generator((ulong)seed, CPU)).ToArray();
            InitializeStackedLayers(this, memberInitialisation);
        }
        else
        {
            initialisation = new Generator((ulong)spec.Seed, CPU);
            InitializeLinearLayers(this, initialisation);
        }
        Device = ModelDevice.Parse(o.Device);
        this.to(Device);
    }

    /// <summary>The architecture and options this model was built from.</summary>
    public ModelSpec Spec { get; }

    /// <summary>Whether modalities have their own encoders or share one concatenated input.</summary>
    public InputLayout Layout { get; }

    /// <summary>Where the parameters live.</summary>
    public Device Device { get; }

    /// <summary>Latent size d.</summary>
    public int LatentDim => Spec.LatentDim;

    /// <summary>Models trained together in this module (<see cref="ModelSpec.MemberCount"/>): 1 for a single model.
    /// A stack's batches hold the members' rows one member after another (<see cref="StackedLinear"/>).</summary>
    public int Members => Spec.MemberCount;

    /// <summary>Number of modalities M in the data.</summary>
    public int ModalityCount => Spec.ModalityCount;

    /// <summary>Number of encoders (M, or 1 for a concatenated input).</summary>
    protected int ViewCount => viewFeatures.Length;

    /// <summary>The aggregator, or null for a concatenated input (its single posterior needs none).</summary>
    public IPosteriorAggregator? Aggregator => aggregator;

    /// <summary>Parameters of every encoder (phi_E in Algorithm 1).</summary>
    public IEnumerable<Parameter> EncoderParameters() => encoders.parameters();

    /// <summary>Parameters of every decoder (theta_D in Algorithm 1).</summary>
    public IEnumerable<Parameter> DecoderParameters() => decoders.parameters();

    /// <summary>Creates the optimiser(s) for a training run at learning rate <paramref name="learningRate"/>.</summary>
    public abstract void PrepareTraining(double learningRate);

    /// <summary>One optimisation step on <paramref name="batch"/>; throws <see cref="NonFiniteLossException"/>
    /// before updating if a term is NaN or infinite.</summary>
    public abstract StepResult TrainStep(ModelBatch batch, StepContext context);

    /// <summary>
    /// The joint posterior q(z | X) of each subject from its observed modalities (a subject with only
    /// MRI gets the MRI subset posterior).
    /// </summary>
    public virtual GaussianMixture Posterior(ModelBatch batch)
    {
        using var scope = NewDisposeScope();
        var views = ToViews(batch);
        return PosteriorOf(views.Inputs, batch.Covariates, views.Observed).MoveToOuterDisposeScope();
    }

    /// <summary>The decoder means for latent <paramref name="z"/> [n, d], one tensor [n, p_m] per modality.</summary>
    public IReadOnlyList<Tensor> Decode(Tensor z, Tensor covariates)
    {
        using var scope = NewDisposeScope();
        var modalities = FromViews(DecodeViews(z, covariates));
        foreach (var t in modalities) t.MoveToOuterDisposeScope();
        return modalities;
    }

    /// <summary>
    /// The reconstruction of every modality [n, p_m] that scoring compares with the input, for subject
    /// latent <paramref name="z"/>: by default the decoders at z. Models whose modalities keep their own
    /// latent (MMVM) override it.
    /// </summary>
    public virtual IReadOnlyList<Tensor> Reconstruct(ModelBatch batch, Tensor z) => Decode(z, batch.Covariates);

    /// <summary>The encoders' unimodal posteriors, stacked: mean and log-variance [V, n, d].</summary>
    protected GaussianParameters EncodeViews(IReadOnlyList<Tensor> views, Tensor covariates)
    {
        using var scope = NewDisposeScope();
        var outputs = views.Select((x, v) => encoders[v].forward(x, covariates)).ToArray();
        var mu = stack(outputs.Select(o => o.Mu), 0);
        var logVar = stack(outputs.Select(o => o.LogVar), 0);
        return new GaussianParameters(mu.MoveToOuterDisposeScope(), logVar.MoveToOuterDisposeScope());
    }

    /// <summary>q(z | X) for view inputs with availability mask <paramref name="observed"/> [n, V].</summary>
    protected GaussianMixture PosteriorOf(IReadOnlyList<Tensor> views, Tensor covariates, Tensor observed)
    {
        using var scope = NewDisposeScope();
        var unimodal = EncodeViews(views, covariates);
        var posterior = aggregator is not null ? aggregator.Aggregate(unimodal.Mu, unimodal.LogVar, observed)
            : ViewCount == 1 ? GaussianMixture.Single(unimodal.Mu[0], unimodal.LogVar[0])
            : throw new InvalidOperationException($"Model '{Spec.Name}' has no aggregator; it defines its own posterior.");
        return posterior.MoveToOuterDisposeScope();
    }

    /// <summary>The decoder means of every view for latent <paramref name="z"/>.</summary>
    protected IReadOnlyList<Tensor> DecodeViews(Tensor z, Tensor covariates)
    {
        using var scope = NewDisposeScope();
        var outputs = decoders.Select(d => d.forward(z, covariates)).ToArray();
        foreach (var t in outputs) t.MoveToOuterDisposeScope();
        return outputs;
    }

    /// <summary>The decoder mean of view <paramref name="view"/> alone for latent <paramref name="z"/> [n, d].</summary>
    protected Tensor DecodeView(int view, Tensor z, Tensor covariates) => decoders[view].forward(z, covariates);

    /// <summary>
    /// Registers a module a model adds to the shared encoders and decoders (a joint encoder, flows,
    /// projectors): its linear layers are initialised from the model's seeded stream, continuing where
    /// the shared modules left off, and it is moved to the model's device. Call from the constructor. In a stack
    /// (its linear layers built with <see cref="Members"/> members) member k's slices continue member k's stream, so
    /// every member still starts with its single model's weights.
    /// </summary>
    protected T AddModule<T>(string name, T module) where T : Module
    {
        register_module(name, module);
        if (memberInitialisation is not null) InitializeStackedLayers(module, memberInitialisation);
        else InitializeLinearLayers(module, initialisation!);
        module.to(Device);
        return module;
    }

    /// <summary>
    /// L_rec per subject: sum over observed views and their features of (x - x_hat)^2, i.e. the negative
    /// log-likelihood of a unit-variance Gaussian up to a constant. Returns [n].
    /// </summary>
    protected static Tensor SquaredError(IReadOnlyList<Tensor> target, IReadOnlyList<Tensor> reconstruction, Tensor? observed = null)
    {
        using var scope = NewDisposeScope();
        Tensor? total = null;
        for (int v = 0; v < target.Count; v++)
        {
            var sse = (target[v] - reconstruction[v]).square().sum(1);
            if (observed is not null) sse = sse * observed[.., v].to_type(sse.dtype);
            total = total is null ? sse : total + sse;
        }
        return total!.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The negative-ELBO pieces of a real batch shared by every model's step: q(z | X), a stratified
    /// sample z, its reconstruction, L_r = mean_i sum of squared errors and KL = mean_i KL(q || p).
    /// </summary>
    protected RealBatchElbo RealElbo(ModelBatch batch, StepContext context)
    {
        var views = ToViews(batch);
        var posterior = PosteriorOf(views.Inputs, batch.Covariates, views.Observed);
        var z = Sample(posterior, context);
        var reconstruction = DecodeViews(z, batch.Covariates);
        var rec = BatchMean(SquaredError(views.Inputs, reconstruction, views.Observed));
        var kl = BatchMean(posterior.KlToPrior());
        return new RealBatchElbo(views, z, reconstruction, rec, kl);
    }

    /// <summary>Standard-normal draws [n, d] on the model's device from the step's generator (each member's own
    /// generator for its own rows in a stack).</summary>
    protected Tensor PriorSample(long n, StepContext context)
    {
        if (Members == 1) return Normal(n, context.Random);
        long rows = MemberRows(n);
        using var scope = NewDisposeScope();
        return cat(Enumerable.Range(0, Members).Select(k => Normal(rows, context.RandomOf(k))).ToArray(), 0).MoveToOuterDisposeScope();

        Tensor Normal(long count, Generator? generator) =>
            randn(count, LatentDim, device: generator?.device ?? Device, generator: generator).to(Device);
    }

    /// <summary>One reparameterised draw per row from <paramref name="posterior"/>: in a stack, each member's rows
    /// with the member's own generator, so a member draws what it would draw alone.</summary>
    protected Tensor Sample(GaussianMixture posterior, StepContext context)
    {
        if (Members == 1) return posterior.Sample(context.Random);
        using var scope = NewDisposeScope();
        long rows = MemberRows(posterior.Count);
        var draws = new Tensor[Members];
        for (int k = 0; k < Members; k++)
        {
            var member = new GaussianMixture(posterior.Weights.narrow(0, k * rows, rows), posterior.Mu.narrow(1, k * rows, rows), posterior.LogVar.narrow(1, k * rows, rows));
            draws[k] = member.Sample(context.RandomOf(k));
        }
        return cat(draws, 0).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The batch mean of a per-row quantity [rows]: a scalar for a single model, and for a stack each member's mean
    /// over its own rows, [E]. Losses built from these are per member; their sum (<see cref="Total"/>) gives each
    /// member exactly its own gradient (a mean over members would scale it by 1/E, which Adam's epsilon does not ignore).
    /// </summary>
    protected Tensor BatchMean(Tensor perRow) => Members == 1 ? perRow.mean() : perRow.view(Members, -1).mean([1]);

    /// <summary>The scalar to differentiate: the loss itself, or for a stack the sum of the members' losses.</summary>
    protected Tensor Total(Tensor loss) => Members == 1 ? loss : loss.sum();

    /// <summary>
    /// As <see cref="ReadTerms"/>, one dictionary per member: a stack's terms are [E] (see <see cref="BatchMean"/>), and a
    /// non-finite value names the member's seed.
    /// </summary>
    protected Dictionary<string, double>[] ReadMemberTerms(StepContext context, params (string Name, Tensor Value)[] terms)
    {
        if (Members == 1) return [ReadTerms(context, terms)];
        var values = Enumerable.Range(0, Members).Select(_ => new Dictionary<string, double>(terms.Length)).ToArray();
        foreach (var (name, value) in terms)
        {
            using var cpu = value.detach().to_type(ScalarType.Float64).cpu();
            var x = cpu.data<double>().ToArray();
            for (int k = 0; k < Members; k++)
            {
                if (!double.IsFinite(x[k])) throw new NonFiniteLossException(context, $"{name} (stack member {k + 1}, seed {Spec.MemberSeeds![k]})", x[k]);
                values[k][name] = x[k];
            }
        }
        return values;
    }

    /// <summary>The step result of every member: a single model's own, or for a stack the members' (in
    /// <see cref="StepResult.Members"/>) with their mean as the headline.</summary>
    protected static StepResult Combine(IReadOnlyList<StepResult> members)
    {
        if (members.Count == 1) return members[0];
        var names = members[0].Terms.Keys;
        return new StepResult(members.Average(m => m.Loss), names.ToDictionary(n => n, n => members.Average(m => m.Terms[n]))) { Members = members };
    }

    /// <summary>
    /// Member <paramref name="member"/> of a stack as a single model of its own seed: the same spec without
    /// <see cref="ModelSpec.MemberSeeds"/>, the member's slice of every parameter copied in. The caller owns it.
    /// </summary>
    public MultimodalVae ExtractMember(int member)
    {
        var seeds = Spec.MemberSeeds ?? throw new InvalidOperationException($"Model '{Spec.Name}' is a single model, not a stack.");
        ArgumentOutOfRangeException.ThrowIfNegative(member);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(member, seeds.Count);
        var single = ModelFactory.Create(Spec with { Seed = seeds[member], MemberSeeds = null });
        try
        {
            using var noGrad = no_grad();
            var source = named_parameters().ToDictionary(p => p.name, p => p.parameter);
            foreach (var (name, target) in single.named_parameters())
            {
                var stacked = source.GetValueOrDefault(name)
                    ?? throw new InvalidOperationException($"The stack has no parameter '{name}' of the single model.");
                target.copy_(stacked[member]);
            }
            return single;
        }
        catch
        {
            single.Dispose();
            throw;
        }
    }

    /// <summary>Rows per member of a stacked batch of <paramref name="rows"/> rows.</summary>
    private long MemberRows(long rows) => rows % Members == 0 ? rows / Members
        : throw new ArgumentException($"A batch of {rows} rows does not split evenly over {Members} stack members.");

    /// <summary>The spec's options as the model's own options type, or an error naming the model and both types.</summary>
    protected static T OptionsOf<T>(ModelSpec spec) where T : ModelOptions => spec.Options as T
        ?? throw new ArgumentException($"Model '{spec.Name}' needs {typeof(T).Name}; got {spec.Options.GetType().Name}.", nameof(spec));

    /// <summary>A mask saying every view of <paramref name="n"/> generated subjects is present.</summary>
    protected Tensor AllObserved(long n) => ones(n, ViewCount, ScalarType.Bool, Device);

    /// <summary>The batch as the encoders see it.</summary>
    protected ViewBatch ToViews(ModelBatch batch)
    {
        if (batch.Modalities.Count != ModalityCount)
            throw new ArgumentException($"The batch has {batch.Modalities.Count} modalities; model '{Spec.Name}' was built for {ModalityCount} ({string.Join(", ", Spec.ModalityNames)}).", nameof(batch));
        for (int m = 0; m < ModalityCount; m++)
        {
            if (batch.Modalities[m].shape[1] != Spec.FeatureCounts[m])
                throw new ArgumentException($"Modality '{Spec.ModalityNames[m]}' has {batch.Modalities[m].shape[1]} features; the model expects {Spec.FeatureCounts[m]}.", nameof(batch));
        }
        if (batch.Covariates.shape[1] != Spec.CovariateCount)
            throw new ArgumentException($"The batch has {batch.Covariates.shape[1]} covariate columns; the model expects {Spec.CovariateCount}.", nameof(batch));
        if (Layout == InputLayout.PerModality) return new ViewBatch(batch.Modalities, batch.Observed);

        using var complete = batch.Observed.all(1);
        if (!complete.all().item<bool>())
        {
            using var rows = complete.logical_not().nonzero();
            throw new ArgumentException($"Model '{Spec.Name}' concatenates the modalities into one input and needs every modality for every subject; batch row {rows[0, 0].item<long>() + 1} ({rows.shape[0]} rows in all) lacks one. Use a multimodal model (mmvae, mmsivae) for incomplete subjects.", nameof(batch));
        }
        return new ViewBatch([cat(batch.Modalities.ToArray(), 1)], ones(batch.Count, 1, ScalarType.Bool, batch.Observed.device));
    }

    /// <summary>Per-view tensors back to per-modality tensors (splits a concatenated view by feature counts).</summary>
    protected IReadOnlyList<Tensor> FromViews(IReadOnlyList<Tensor> views) =>
        Layout == InputLayout.PerModality
            ? views
            : views[0].split(Spec.FeatureCounts.Select(p => (long)p).ToArray(), 1);

    /// <summary>Turns gradient tracking of the encoder and decoder parameters on or off (freezing a side).</summary>
    protected void SetTrainable(bool encodersTrainable, bool decodersTrainable)
    {
        foreach (var p in EncoderParameters()) p.requires_grad = encodersTrainable;
        foreach (var p in DecoderParameters()) p.requires_grad = decodersTrainable;
    }

    /// <summary>
    /// Reads each named scalar term; throws <see cref="NonFiniteLossException"/> for the first that is
    /// NaN or infinite. Call before backward/step so a failing batch never reaches the weights.
    /// </summary>
    protected static Dictionary<string, double> ReadTerms(StepContext context, params (string Name, Tensor Value)[] terms)
    {
        var values = new Dictionary<string, double>(terms.Length);
        foreach (var (name, value) in terms)
        {
            double x = value.to_type(ScalarType.Float64).item<double>();
            if (!double.IsFinite(x)) throw new NonFiniteLossException(context, name, x);
            values[name] = x;
        }
        return values;
    }

    /// <summary>
    /// PyTorch's default initialisation of a linear layer — weight and bias ~ U(-1/sqrt(fan_in), 1/sqrt(fan_in))
    /// — drawn from a generator seeded with the spec's seed, so the same seed gives bit-identical
    /// weights whatever other threads do with torch's global generator.
    /// </summary>
    private static void InitializeLinearLayers(Module root, Generator generator)
    {
        using var noGrad = no_grad();
        foreach (var layer in root.modules().OfType<Linear>())
        {
            double bound = 1.0 / Math.Sqrt(layer.weight!.shape[1]);
            // Tensor.uniform_, not nn.init.uniform_: the latter ignores its generator in TorchSharp 0.107.
            layer.weight.uniform_(-bound, bound, generator);
            layer.bias?.uniform_(-bound, bound, generator);
        }
    }

    /// <summary>
    /// A stack's initialisation: member k's slice of each layer, in the single model's layer order, drawn from
    /// member k's generator (seeded with its seed), so every member starts with its single model's weights bit for bit.
    /// </summary>
    private static void InitializeStackedLayers(Module root, IReadOnlyList<Generator> generators)
    {
        using var noGrad = no_grad();
        var layers = root.modules().Where(m => m is TorchSharp.Modules.Linear or StackedLinear).ToArray();
        if (layers.OfType<TorchSharp.Modules.Linear>().Any()) throw new NotSupportedException("A stacked model may hold only stacked linear layers.");
        for (int k = 0; k < generators.Count; k++)
        {
            var generator = generators[k];
            foreach (var layer in layers.Cast<StackedLinear>())
            {
                double bound = 1.0 / Math.Sqrt(layer.Weight.shape[2]);
                using var weight = layer.Weight[k];
                using var bias = layer.Bias[k];
                weight.uniform_(-bound, bound, generator);
                bias.uniform_(-bound, bound, generator);
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            initialisation?.Dispose();
            foreach (var generator in memberInitialisation ?? []) generator.Dispose();
        }
        base.Dispose(disposing);
    }

    private static void Validate(ModelSpec spec)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.LatentDim, 1, nameof(spec.LatentDim));
        ArgumentOutOfRangeException.ThrowIfNegative(spec.CovariateCount, nameof(spec.CovariateCount));
        if (spec.FeatureCounts.Count == 0) throw new ArgumentException("At least one modality is required.", nameof(spec));
        if (spec.FeatureCounts.Any(p => p < 1)) throw new ArgumentException($"Feature counts [{string.Join(", ", spec.FeatureCounts)}] must be positive.", nameof(spec));
        if (spec.ModalityNames.Count != spec.FeatureCounts.Count)
            throw new ArgumentException($"{spec.ModalityNames.Count} modality names for {spec.FeatureCounts.Count} modalities.", nameof(spec));
        spec.Options.Validate();
        if (spec.MemberSeeds is { } seeds)
        {
            if (seeds.Count == 0) throw new ArgumentException("A stack needs at least one member seed.", nameof(spec));
            if (!ModelRegistry.Get(spec.Name).Stackable)
                throw new ArgumentException($"Model '{spec.Name}' cannot be trained as a stack (Models/README.md says why); train its seeds one at a time.", nameof(spec));
        }
    }

    /// <summary>What <see cref="RealElbo"/> computes: the views, latent sample, reconstruction and the
    /// batch-mean reconstruction error and KL.</summary>
    protected sealed record RealBatchElbo(ViewBatch Views, Tensor Latent, IReadOnlyList<Tensor> Reconstruction, Tensor Rec, Tensor Kl);

    /// <summary>A batch as the encoders see it: one input per view and the view availability mask [n, V].</summary>
    protected readonly record struct ViewBatch(IReadOnlyList<Tensor> Inputs, Tensor Observed);
}
