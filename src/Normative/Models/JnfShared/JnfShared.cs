using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Normative.Models;

/// <summary>
/// JNF-Shared (jnf-paper §3.4): <see cref="Jnf"/> whose unimodal posteriors read projections of the
/// modalities, q_j(z | g_j(x_j)) (Eq. 15), the projectors g_j trained beforehand to extract what the
/// modalities share with the contrastive loss of App. B.2 (<see cref="ContrastiveLoss"/>).
/// </summary>
/// <remarks>
/// Senellart and Allasonnière, "Bridging the inference gap in Multimodal Variational Autoencoders", 2025
/// (HAL hal-04932313), the "CL" variant (the DCCA variant is not implemented). The projectors have their
/// own parameters and loss, independent of the VAE, so training them with their own Adam optimiser in the
/// stage-1 epochs, beside the joint VAE, is the paper's pre-training: they are finished and frozen before
/// stage 2 starts fitting the unimodal posteriors on them. The stage-1 steps report the extra term
/// "contrastive".
/// </remarks>
public sealed class JnfShared : Jnf
{
    private readonly ModuleList<Projector> projectors;
    private Adam? projectorOptimizer;

    public JnfShared(ModelSpec spec) : base(spec, Enumerable.Repeat(OptionsOf<JnfSharedOptions>(spec).ProjectionDim, spec.ModalityCount).ToArray())
    {
        SharedOptions = OptionsOf<JnfSharedOptions>(spec);
        if (ModalityCount < 2) throw new ArgumentException($"Model '{spec.Name}' contrasts modalities and needs two or more; got {ModalityCount}.", nameof(spec));
        projectors = AddModule("projectors", ModuleList(Spec.FeatureCounts
            .Select((p, j) => new Projector($"projector{j + 1}", p, Options.EncoderHidden, SharedOptions.ProjectionDim)).ToArray()));
    }

    /// <summary>The model's options.</summary>
    public JnfSharedOptions SharedOptions { get; }

    /// <inheritdoc/>
    public override void PrepareTraining(double learningRate)
    {
        base.PrepareTraining(learningRate);
        projectorOptimizer?.Dispose();
        projectorOptimizer = optim.Adam(projectors.parameters(), learningRate);
    }

    /// <summary>The projections g_j(x_j), without gradients: the projectors are frozen outside their own step.</summary>
    protected override IReadOnlyList<Tensor> UnimodalInputs(IReadOnlyList<Tensor> modalities)
    {
        using var noGrad = no_grad();
        return modalities.Select((x, j) => projectors[j].forward(x)).ToArray();
    }

    /// <summary>The joint VAE step, then one Adam step of the projectors on the contrastive loss.</summary>
    protected override StepResult JointStep(ModelBatch batch, StepContext context)
    {
        var result = base.JointStep(batch, context);
        var adam = projectorOptimizer ?? throw new InvalidOperationException("Call PrepareTraining before TrainStep.");
        adam.zero_grad();
        var loss = ContrastiveLoss.InfoNce(batch.Modalities.Select((x, j) => projectors[j].forward(x)).ToArray(), SharedOptions.Temperature);
        var terms = new Dictionary<string, double>(result.Terms);
        foreach (var (name, value) in ReadTerms(context, ("contrastive", loss))) terms[name] = value;
        loss.backward();
        adam.step();
        return result with { Terms = terms };
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) projectorOptimizer?.Dispose();
        base.Dispose(disposing);
    }
}
