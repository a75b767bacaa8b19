using Normative.Aggregation;
using static TorchSharp.torch;

namespace Normative.Models;

/// <summary>
/// JMVAE-kl: a joint encoder q(z | X) over all modalities concatenated, per-modality decoders and
/// unimodal encoders q(z | x_m), trained together on (Suzuki et al. 2016, Eq. 4)
/// L = beta_rec E_{q(z | X)}[sum_m ||x_m - D_m(z)||^2] + beta_kl KL(q(z | X) || p(z))
///   + alpha sum_m KL(q(z | X) || q(z | x_m)).
/// </summary>
/// <remarks>
/// Suzuki, Nakayama and Matsuo, "Joint Multimodal Learning with Deep Generative Models", ICLR workshop
/// 2017 (arXiv:1611.01891). The subject latent of a complete subject is the joint posterior mean. The
/// unimodal encoders are trained to cover q(z | X), so a subject with one modality gets that modality's
/// encoder; a subset of several observed modalities (M &gt; 2) gets the product of their unimodal experts
/// without the prior expert, which is exactly the unimodal encoder for a single modality. Training needs
/// complete subjects (the joint encoder sees every modality); Suzuki et al.'s KL warm-up is not used.
/// </remarks>
public sealed class Jmvae : MmVae
{
    private readonly JointEncoder joint;

    public Jmvae(ModelSpec spec) : base(FixedAggregator.Apply(spec, null), InputLayout.PerModality)
    {
        Options = OptionsOf<JmvaeOptions>(spec);
        joint = AddModule("joint_encoder", new JointEncoder("joint_encoder", Spec));
    }

    /// <summary>The model's options.</summary>
    public JmvaeOptions Options { get; }

    /// <summary>Complete subjects: q(z | X) from the joint encoder; others: the product of the observed
    /// unimodal encoders (no prior expert).</summary>
    public override GaussianMixture Posterior(ModelBatch batch)
    {
        using var scope = NewDisposeScope();
        var views = ToViews(batch);
        var (jointMu, jointLogVar) = joint.forward(views.Inputs, batch.Covariates, views.Observed);
        var unimodal = EncodeViews(views.Inputs, batch.Covariates);
        var (subsetMu, subsetLogVar) = ProductOfExperts.Combine(unimodal.Mu, unimodal.LogVar, views.Observed.t(), includePriorExpert: false);
        var complete = views.Observed.all(1).unsqueeze(1);
        return GaussianMixture.Single(where(complete, jointMu, subsetMu), where(complete, jointLogVar, subsetLogVar)).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override StepObjective Objective(ModelBatch batch, StepContext context)
    {
        JointEncoder.RequireComplete(batch, Spec.Name);
        var views = ToViews(batch);
        var (mu, logVar) = joint.forward(views.Inputs, batch.Covariates, views.Observed);
        var posterior = GaussianMixture.Single(mu, logVar);
        var reconstruction = DecodeViews(Sample(posterior, context), batch.Covariates);
        var rec = BatchMean(SquaredError(views.Inputs, reconstruction));
        var kl = BatchMean(posterior.KlToPrior());
        var unimodal = EncodeViews(views.Inputs, batch.Covariates);
        var klUnimodal = BatchMean(DiagonalGaussian.Kl(mu.unsqueeze(0), logVar.unsqueeze(0), unimodal.Mu, unimodal.LogVar).sum(dim: 0));
        var loss = Spec.Options.BetaRec * rec + Spec.Options.BetaKl * kl + Options.Alpha * klUnimodal;
        return new StepObjective(loss, [("rec", rec), ("kl", kl), ("kl_unimodal", klUnimodal), ("loss", loss)], ["rec", "kl"]);
    }
}
