using Normative.Aggregation;
using static TorchSharp.torch;

namespace Normative.Models;

/// <summary>
/// MVTCAE: per-modality encoders fused by a product of experts q(z | X) (with the prior expert) and
/// trained on the total-correlation objective (Hwang et al. 2021, Eq. 9), per subject with M observed
/// modalities:
/// L = beta_rec (M - alpha)/M E_q[sum_m ||x_m - D_m(z)||^2]
///   + beta_kl [ (1 - alpha) KL(q(z | X) || p(z)) + alpha/M sum_m KL(q(z | X) || q(z | x_m)) ].
/// </summary>
/// <remarks>
/// Hwang, Kim, Hong and Kim, "Multi-View Representation Learning via Total Correlation Objective",
/// NeurIPS 2021 (arXiv:2110.14386). The weights (M - alpha)/M, (1 - alpha) and alpha/M are those of the
/// Multi-view-AE implementation the mmSIVAE baselines used. A subject with missing modalities is fused
/// and regularised over the ones it has (M = |O|). The reported loss is the unit-weight negative ELBO,
/// reconstruction plus KL(q(z | X) || p(z)), comparable with the other models.
/// </remarks>
public sealed class Mvtcae : MmVae
{
    public Mvtcae(ModelSpec spec) : base(FixedAggregator.Apply(spec, AggregatorKind.PoE), InputLayout.PerModality)
    {
        Options = OptionsOf<MvtcaeOptions>(spec);
    }

    /// <summary>The model's options.</summary>
    public MvtcaeOptions Options { get; }

    /// <inheritdoc/>
    protected override StepObjective Objective(ModelBatch batch, StepContext context)
    {
        var views = ToViews(batch);
        var unimodal = EncodeViews(views.Inputs, batch.Covariates);
        var joint = Aggregator!.Aggregate(unimodal.Mu, unimodal.LogVar, views.Observed);
        var reconstruction = DecodeViews(Sample(joint, context), batch.Covariates);
        var recPerSubject = SquaredError(views.Inputs, reconstruction, views.Observed);
        var klPerSubject = joint.KlToPrior();
        var cvib = DiagonalGaussian.Kl(joint.Mu, joint.LogVar, unimodal.Mu, unimodal.LogVar)      // [M, n]
            .masked_fill(views.Observed.t().logical_not(), 0.0).sum(dim: 0);
        var m = views.Observed.sum(1).to_type(recPerSubject.dtype);
        double alpha = Options.Alpha;
        var loss = BatchMean(Options.BetaRec * (m - alpha) / m * recPerSubject
                    + Options.BetaKl * ((1 - alpha) * klPerSubject + alpha / m * cvib));
        return new StepObjective(loss,
            [("rec", BatchMean(recPerSubject)), ("kl", BatchMean(klPerSubject)), ("kl_cvib", BatchMean(cvib)), ("loss", loss)], ["rec", "kl"]);
    }
}
