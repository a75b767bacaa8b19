using Normative.Aggregation;
using static TorchSharp.torch;

namespace Normative.Models;

/// <summary>
/// mmJSD: per-modality encoders and decoders trained on
/// L = beta_rec E_{q_MoE(z | X)}[sum_m ||x_m - D_m(z)||^2] + beta_kl JS_pi(q_1, ..., q_M, p),
/// with the reconstruction drawn from the mixture of the unimodal posteriors (a stratified sample,
/// every modality decoded from it) and the Jensen-Shannon divergence of the M + 1 distributions
/// {q_m(z | x_m)} and p(z) = N(0, I) taken with respect to the dynamic prior, their weighted geometric mean
/// f_pi(z | X) ∝ p(z)^pi_{M+1} prod_m q_m(z | x_m)^pi_m (Sutter et al. 2020, Eqs. 5-8):
/// JS_pi = sum_m pi_m KL(q_m || f_pi) + pi_{M+1} KL(p || f_pi), with uniform weights pi = 1/(|O| + 1)
/// over the observed modalities O and the prior.
/// </summary>
/// <remarks>
/// Sutter, Daunhawer and Vogt, "Multimodal Generative Learning Utilizing Jensen-Shannon-Divergence",
/// NeurIPS 2020 (arXiv:2006.08242). For Gaussians the weighted geometric mean is Gaussian with precision
/// sum pi_j T_j and mean sum pi_j T_j mu_j / sum pi_j T_j. The Multi-view-AE version the mmSIVAE
/// baselines were run with drops the prior from the geometric mean and the KL(p || f) term; this class
/// follows the paper. The joint posterior used for scoring is the mixture the decoders are trained on,
/// q_MoE = 1/|O| sum_{m in O} q_m, whose mean is the average of the observed unimodal means (as the
/// Multi-view-AE model encodes at test time); a subject with missing modalities uses the observed ones.
/// The reported loss is the model's own bound, reconstruction plus JS.
/// </remarks>
public sealed class MmJsd : MmVae
{
    public MmJsd(ModelSpec spec) : base(FixedAggregator.Apply(spec, AggregatorKind.MoE), InputLayout.PerModality)
    {
    }

    /// <inheritdoc/>
    protected override StepObjective Objective(ModelBatch batch, StepContext context)
    {
        var views = ToViews(batch);
        var unimodal = EncodeViews(views.Inputs, batch.Covariates);
        var mixture = Aggregator!.Aggregate(unimodal.Mu, unimodal.LogVar, views.Observed);
        var reconstruction = DecodeViews(Sample(mixture, context), batch.Covariates);
        var rec = BatchMean(SquaredError(views.Inputs, reconstruction, views.Observed));
        var js = BatchMean(JensenShannon(unimodal, views.Observed));
        var loss = Spec.Options.BetaRec * rec + Spec.Options.BetaKl * js;
        return new StepObjective(loss, [("rec", rec), ("js", js), ("loss", loss)], ["rec", "js"]);
    }

    /// <summary>
    /// The dynamic prior f_pi(z | X): the weighted geometric mean of the observed unimodal posteriors and
    /// N(0, I), weights pi = 1/(|O| + 1). Mean and log-variance [n, d].
    /// </summary>
    /// <param name="unimodal">Unimodal means and log-variances [M, n, d].</param>
    /// <param name="observed">Bool [n, M].</param>
    public static GaussianParameters DynamicPrior(GaussianParameters unimodal, Tensor observed)
    {
        using var scope = NewDisposeScope();
        var (mu, logVar) = GeometricMean(WithPriorExpert(unimodal, observed));
        return new GaussianParameters(mu.MoveToOuterDisposeScope(), logVar.MoveToOuterDisposeScope());
    }

    /// <summary>JS_pi(q_1, ..., q_M, p) per subject [n] over the observed modalities and the prior.</summary>
    /// <param name="unimodal">Unimodal means and log-variances [M, n, d].</param>
    /// <param name="observed">Bool [n, M].</param>
    public static Tensor JensenShannon(GaussianParameters unimodal, Tensor observed)
    {
        using var scope = NewDisposeScope();
        var experts = WithPriorExpert(unimodal, observed);
        var (mu, logVar) = GeometricMean(experts);
        var kl = DiagonalGaussian.Kl(experts.Mu, experts.LogVar, mu.unsqueeze(0), logVar.unsqueeze(0));   // [M + 1, n]
        var weighted = (experts.LogWeight.squeeze(-1).exp() * kl).masked_fill(experts.Use.logical_not(), 0.0);
        return weighted.sum(dim: 0).MoveToOuterDisposeScope();
    }

    /// <summary>prod_j q_j^pi_j: a product of experts whose precisions are scaled by pi_j (log-variance minus log pi_j).</summary>
    private static (Tensor Mu, Tensor LogVar) GeometricMean((Tensor Mu, Tensor LogVar, Tensor Use, Tensor LogWeight) experts) =>
        ProductOfExperts.Combine(experts.Mu, experts.LogVar - experts.LogWeight, experts.Use, includePriorExpert: false);

    /// <summary>The observed experts with N(0, I) appended as expert M + 1, their use mask [M + 1, n] and
    /// log-weights log pi [1, n, 1].</summary>
    private static (Tensor Mu, Tensor LogVar, Tensor Use, Tensor LogWeight) WithPriorExpert(GaussianParameters unimodal, Tensor observed)
    {
        var mu = cat([unimodal.Mu, zeros_like(unimodal.Mu[..1])], 0);
        var logVar = cat([unimodal.LogVar, zeros_like(unimodal.LogVar[..1])], 0);
        var use = cat([observed.t(), ones(1, observed.shape[0], ScalarType.Bool, observed.device)], 0);
        var logWeight = -use.to_type(mu.dtype).sum(dim: 0).log().view(1, -1, 1);
        return (mu, logVar, use, logWeight);
    }
}
