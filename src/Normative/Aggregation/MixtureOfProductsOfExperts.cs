using static TorchSharp.torch;

namespace Normative.Aggregation;

/// <summary>
/// Mixture of products of experts (mmSIVAE Eq. 11): q(z | X) = 1/|S| sum_{X_k in S} q_PoE(z | X_k), the
/// uniform mixture over the PoE of every non-empty subset X_k of the observed modalities (2^M - 1
/// subsets when all M are observed).
/// </summary>
/// <remarks>
/// Sutter, Daunhawer and Vogt, "Generalized Multimodal ELBO", ICLR 2021 (arXiv:2105.02470). The
/// components are fixed (all 2^M - 1 subsets, in order of size then index); a subset containing an
/// unobserved modality gets weight 0 for that subject, so a subject with only MRI gets exactly the
/// MRI subset posterior. With the single full subset kept this is PoE; with only the singletons it is
/// MoE (App. B, Eqs. 27-28).
/// </remarks>
public sealed class MixtureOfProductsOfExperts : IPosteriorAggregator
{
    /// <param name="priorExpertInSubsets">Include N(0, I) as an expert in every subset's product.</param>
    public MixtureOfProductsOfExperts(bool priorExpertInSubsets = false) => PriorExpertInSubsets = priorExpertInSubsets;

    /// <summary>Whether each subset's product includes the standard-normal prior expert.</summary>
    public bool PriorExpertInSubsets { get; }

    /// <inheritdoc/>
    public AggregatorKind Kind => AggregatorKind.MoPoE;

    /// <inheritdoc/>
    public int ComponentCount(int modalityCount) => (1 << modalityCount) - 1;

    /// <summary>
    /// Every non-empty subset of {0..M-1} as a sorted index array, ordered by size then
    /// lexicographically (M = 2: {0}, {1}, {0, 1}).
    /// </summary>
    public static IReadOnlyList<int[]> Subsets(int modalityCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(modalityCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(modalityCount, 16);
        return Enumerable.Range(1, (1 << modalityCount) - 1)
            .Select(mask => Enumerable.Range(0, modalityCount).Where(m => (mask >> m & 1) == 1).ToArray())
            .OrderBy(s => s.Length).ThenBy(s => string.Join(",", s.Select(i => i.ToString("D2"))))
            .ToArray();
    }

    /// <inheritdoc/>
    public GaussianMixture Aggregate(Tensor mu, Tensor logVar, Tensor observed) =>
        Aggregate(mu, logVar, observed, Subsets((int)mu.shape[0]));

    /// <summary>
    /// The mixture over an explicit list of subsets (each a set of modality indices); used to show the
    /// PoE and MoE special cases.
    /// </summary>
    public GaussianMixture Aggregate(Tensor mu, Tensor logVar, Tensor observed, IReadOnlyList<int[]> subsets)
    {
        Aggregators.Validate(mu, logVar, observed);
        if (subsets.Count == 0) throw new ArgumentException("At least one subset is required.", nameof(subsets));
        int modalities = (int)mu.shape[0];
        using var scope = NewDisposeScope();
        var componentMu = new List<Tensor>();
        var componentLogVar = new List<Tensor>();
        var available = new List<Tensor>();
        foreach (var subset in subsets)
        {
            if (subset.Length == 0 || subset.Any(m => m < 0 || m >= modalities) || subset.Distinct().Count() != subset.Length)
                throw new ArgumentException($"Subset {{{string.Join(", ", subset)}}} is not a non-empty set of modality indices below {modalities}.", nameof(subsets));
            using var index = tensor(subset.Select(i => (long)i).ToArray(), device: mu.device);
            var subsetMu = mu.index_select(0, index);
            var subsetLogVar = logVar.index_select(0, index);
            var all = ones(subset.Length, mu.shape[1], ScalarType.Bool, mu.device);
            var (m, lv) = ProductOfExperts.Combine(subsetMu, subsetLogVar, all, PriorExpertInSubsets);
            componentMu.Add(m);
            componentLogVar.Add(lv);
            available.Add(observed.index_select(1, index).all(1));
        }
        var weights = stack(available, 1).to_type(mu.dtype);
        var counts = weights.sum(1, keepdim: true);
        if (counts.eq(0).any().item<bool>())
            throw new ArgumentException("Some subject has none of the requested subsets fully observed.", nameof(observed));
        weights = weights / counts;
        return new GaussianMixture(weights, stack(componentMu, 0), stack(componentLogVar, 0)).MoveToOuterDisposeScope();
    }
}
