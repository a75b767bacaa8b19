using Normative.Aggregation;

namespace Normative.Models;

/// <summary>
/// Everything needed to rebuild a model with the same architecture: its registry name, aggregator,
/// latent size, the data shapes it was built for and its options. Saved in a checkpoint's model.json.
/// </summary>
/// <param name="Name">Registry name, e.g. "mmsivae" (see <see cref="ModelRegistry"/>).</param>
/// <param name="Aggregator">How unimodal posteriors are fused; null for models with one concatenated input.</param>
/// <param name="LatentDim">Latent size d. Range: d &gt;= 1.</param>
/// <param name="FeatureCounts">Feature count p_m of each modality.</param>
/// <param name="CovariateCount">Covariate width c (0 allowed).</param>
/// <param name="ModalityNames">One name per modality.</param>
/// <param name="Options">The model's options (a subtype of <see cref="ModelOptions"/> where the model has its own).</param>
/// <param name="Seed">Seed of the weight initialisation.</param>
public sealed record ModelSpec(
    string Name,
    AggregatorKind? Aggregator,
    int LatentDim,
    IReadOnlyList<int> FeatureCounts,
    int CovariateCount,
    IReadOnlyList<string> ModalityNames,
    ModelOptions Options,
    int Seed)
{
    /// <summary>Number of modalities M.</summary>
    public int ModalityCount => FeatureCounts.Count;

    /// <summary>
    /// Seeds of the members when this spec builds a stack of same-architecture models trained together (each
    /// initialised as the single model of its seed would be, see <see cref="StackedLinear"/>); null for a single
    /// model seeded by <see cref="Seed"/>. Not saved: a checkpoint holds one member.
    /// </summary>
    public IReadOnlyList<int>? MemberSeeds { get; init; }

    /// <summary>Models in one module: the member count of a stack, else 1.</summary>
    public int MemberCount => MemberSeeds?.Count ?? 1;

    /// <summary>Total number of input features, sum_m p_m.</summary>
    public int TotalFeatures => FeatureCounts.Sum();
}
