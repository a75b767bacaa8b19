namespace Normative.Models;

/// <summary>
/// Every model the package can train, by name. A new model adds one entry here (and its folder under
/// Models/); the factory, the checkpoints and the CLI pick it up from this list.
/// </summary>
public static class ModelRegistry
{
    /// <summary>All registered models, in the order help texts list them.</summary>
    public static IReadOnlyList<ModelDescriptor> All { get; } =
    [
        new("vae", "VAE, one encoder/decoder over the concatenated modalities", false, typeof(ModelOptions), () => new ModelOptions(), spec => new Vae(spec), Stackable: true),
        new("sivae", "Soft-introspective VAE over the concatenated modalities", false, typeof(MmSivaeOptions), () => new MmSivaeOptions(), spec => new Sivae(spec), Stackable: true),
        new("mmvae", "Multimodal VAE, per-modality encoders fused by an aggregator", true, typeof(ModelOptions), () => new ModelOptions(), spec => new MmVae(spec), Stackable: true),
        new("mmsivae", "Multimodal soft-introspective VAE (Algorithm 1)", true, typeof(MmSivaeOptions), () => new MmSivaeOptions(), spec => new MmSivae(spec), Stackable: true),
        new("mmjsd", "mmJSD, mixture reconstruction and a Jensen-Shannon regulariser with a dynamic prior", false, typeof(ModelOptions), () => new ModelOptions(), spec => new MmJsd(spec), Stackable: true),
        new("jmvae", "JMVAE-kl, joint encoder plus unimodal encoders tied by KL terms", false, typeof(JmvaeOptions), () => new JmvaeOptions(), spec => new Jmvae(spec), Stackable: true),
        new("mvtcae", "MVTCAE, product-of-experts posterior with the total-correlation objective", false, typeof(MvtcaeOptions), () => new MvtcaeOptions(), spec => new Mvtcae(spec), Stackable: true),
        new("mmvm", "MMVM VAE, per-modality latents tied by a data-dependent mixture prior", false, typeof(MmvmOptions), () => new MmvmOptions(), spec => new Mmvm(spec), Stackable: true),
        // Not stackable (Models/README.md, "Stacked training"): JNF's MADE flows are MaskedLinear layers with no stacked
        // variant, and JNF-Shared's InfoNCE loss compares every row of a batch with every other (it would mix members).
        new("jnf", "JNF, joint-encoder VAE then unimodal flow posteriors (two stages)", false, typeof(JnfOptions), () => new JnfOptions(), spec => new Jnf(spec)),
        new("jnf-shared", "JNF-Shared, JNF with unimodal posteriors on contrastive projections", false, typeof(JnfSharedOptions), () => new JnfSharedOptions(), spec => new JnfShared(spec)),
    ];

    /// <summary>The model called <paramref name="name"/> (case-insensitive).</summary>
    public static ModelDescriptor Get(string name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown model '{name}'; expected one of {string.Join(", ", All.Select(d => d.Name))}.", nameof(name));
}
