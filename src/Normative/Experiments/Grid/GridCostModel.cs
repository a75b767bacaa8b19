namespace Normative.Experiments.Grid;

/// <summary>
/// The relative training time of a work item, used to bundle work items into grid tasks of about equal time:
/// cost = epochs x members x the model's per-step weight.
/// </summary>
/// <remarks>
/// The weights are per-step times relative to the plain VAE, measured on one thread at d = 15, batch 64 (issue 17:
/// VAE 1.45 ms, mmVAE-MoPoE 2.4 ms, mmSIVAE-MoPoE 8.1 ms). The others are set by analogy, not measured: SIVAE pays the
/// soft-introspective steps on one encoder (as mmSIVAE over mmVAE, x 3.4); the other multimodal baselines about an
/// mmVAE; JNF's two stages with flows about twice that. A stack counts each member in full: stacking saves per-operation
/// overhead, so stacks are somewhat over-estimated, which only makes their tasks a little shorter than planned.
/// </remarks>
public static class GridCostModel
{
    /// <summary>One line for plan.json saying how task sizes were estimated.</summary>
    public const string Description = "cost = epochs x members x per-step weight of the model relative to the VAE (vae 1, mmvae 1.7, mmsivae 5.6 measured; sivae 3.4, mmjsd/jmvae/mvtcae/mmvm 1.7, jnf/jnf-shared 3.4 assumed; others 1) x K with --cross-fit K (each member's K fold models see (K - 1)/K of the controls)";

    /// <summary>Per-step time of <paramref name="model"/> relative to the plain VAE (1 for models not listed).</summary>
    public static double StepWeight(string model) => model switch
    {
        "vae" => 1.0,
        "mmvae" => 1.7,
        "mmsivae" => 5.6,
        "sivae" => 3.4,
        "mmjsd" or "jmvae" or "mvtcae" or "mmvm" => 1.7,
        "jnf" or "jnf-shared" => 3.4,
        _ => 1.0,
    };

    /// <summary>
    /// The cost of training <paramref name="members"/> models of <paramref name="model"/> for <paramref name="epochs"/> epochs and, with
    /// <paramref name="crossFitFolds"/> K, each member's K fold models on (K - 1)/K of the controls: K times a member's cost.
    /// </summary>
    public static double Cost(string model, int members, int epochs, int? crossFitFolds = null) =>
        epochs * members * StepWeight(model) * (crossFitFolds ?? 1);
}
