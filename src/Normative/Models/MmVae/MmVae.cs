using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Normative.Models;

/// <summary>
/// Multimodal VAE (mmVAE): per-modality encoders and decoders, a joint posterior from any aggregator,
/// trained on the negative ELBO (mmSIVAE Eq. 1)
/// L = beta_rec E_q[sum_m ||x_m - D_m(z)||^2] + beta_kl KL(q(z | X) || p(z)),
/// one Adam optimiser over all parameters, z drawn by stratified sampling from the mixture.
/// </summary>
/// <remarks>
/// Kumar, Payne, Ghosh et al., "Multimodal normative modeling in Alzheimer's disease with introspective
/// variational autoencoders" (mmSIVAE), 2025 — the mmVAE baseline; with MoPoE this is Sutter et al.,
/// "Generalized Multimodal ELBO", ICLR 2021 (arXiv:2105.02470). The KL of a mixture is the weighted sum
/// of component KLs (<see cref="Aggregation.GaussianMixture.KlToPrior"/>).
/// </remarks>
public class MmVae : MultimodalVae
{
    private Adam? optimizer;

    public MmVae(ModelSpec spec) : this(spec, InputLayout.PerModality)
    {
    }

    protected MmVae(ModelSpec spec, InputLayout layout) : base(spec, layout)
    {
    }

    /// <inheritdoc/>
    public override void PrepareTraining(double learningRate)
    {
        optimizer?.Dispose();
        optimizer = optim.Adam(parameters(), learningRate);
    }

    /// <inheritdoc/>
    public override StepResult TrainStep(ModelBatch batch, StepContext context)
    {
        var adam = optimizer ?? throw new InvalidOperationException("Call PrepareTraining before TrainStep.");
        adam.zero_grad();
        var objective = Objective(batch, context);
        var members = ReadMemberTerms(context, objective.Terms);
        Total(objective.Loss).backward();
        adam.step();
        return Combine(members.Select(terms => new StepResult(objective.Reported.Sum(name => terms[name]), terms)).ToArray());
    }

    /// <summary>
    /// What one Adam step minimises, with its named terms. Here the negative ELBO
    /// beta_rec L_r + beta_kl KL; models trained the same way on another objective (mmJSD, JMVAE,
    /// MVTCAE, MMVM) override it.
    /// </summary>
    protected virtual StepObjective Objective(ModelBatch batch, StepContext context)
    {
        var (_, _, _, rec, kl) = RealElbo(batch, context);
        var loss = Spec.Options.BetaRec * rec + Spec.Options.BetaKl * kl;
        return new StepObjective(loss, [("rec", rec), ("kl", kl), ("loss", loss)], ["rec", "kl"]);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) optimizer?.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>The loss of one step and its named batch-mean terms.</summary>
    /// <param name="Loss">The scalar the optimiser minimises.</param>
    /// <param name="Terms">Every named term, checked for NaN/infinity before the update.</param>
    /// <param name="Reported">The terms whose unit-weight sum is the step's <see cref="StepResult.Loss"/>
    /// (the model's own negative ELBO: reconstruction plus its divergence term).</param>
    protected sealed record StepObjective(Tensor Loss, (string Name, Tensor Value)[] Terms, string[] Reported);
}
