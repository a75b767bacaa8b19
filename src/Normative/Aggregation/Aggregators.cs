namespace Normative.Aggregation;

/// <summary>Creates the aggregator for an <see cref="AggregatorKind"/>.</summary>
public static class Aggregators
{
    /// <summary>The aggregator for <paramref name="kind"/>.</summary>
    /// <param name="kind">Which fusion rule.</param>
    /// <param name="mixturePriorExpert">For MoPoE only: whether each subset's PoE also includes the
    /// standard-normal prior expert (false by default, as in the Multi-view-AE MoPoE the authors
    /// built on; with false the singleton components are exactly the unimodal posteriors).</param>
    public static IPosteriorAggregator Create(AggregatorKind kind, bool mixturePriorExpert = false) => kind switch
    {
        AggregatorKind.PoE => new ProductOfExperts(),
        AggregatorKind.MoE => new MixtureOfExperts(),
        AggregatorKind.MoPoE => new MixtureOfProductsOfExperts(mixturePriorExpert),
        AggregatorKind.Avg => new AverageOfExperts(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown aggregator."),
    };

    /// <summary>Parses "poe", "moe", "mopoe" or "avg" (case-insensitive).</summary>
    public static AggregatorKind Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "poe" => AggregatorKind.PoE,
        "moe" => AggregatorKind.MoE,
        "mopoe" => AggregatorKind.MoPoE,
        "avg" => AggregatorKind.Avg,
        _ => throw new ArgumentException($"Unknown aggregator '{name}'; expected poe, moe, mopoe or avg.", nameof(name)),
    };

    /// <summary>Checks the shapes shared by every aggregator and that each subject has a modality.</summary>
    internal static void Validate(TorchSharp.torch.Tensor mu, TorchSharp.torch.Tensor logVar, TorchSharp.torch.Tensor observed)
    {
        if (mu.dim() != 3) throw new ArgumentException($"Means must be [M, n, d]; got [{string.Join(", ", mu.shape)}].", nameof(mu));
        if (!logVar.shape.SequenceEqual(mu.shape))
            throw new ArgumentException($"Log-variances [{string.Join(", ", logVar.shape)}] do not match means [{string.Join(", ", mu.shape)}].", nameof(logVar));
        if (observed.dim() != 2 || observed.shape[0] != mu.shape[1] || observed.shape[1] != mu.shape[0])
            throw new ArgumentException($"Observed mask must be [{mu.shape[1]}, {mu.shape[0]}]; got [{string.Join(", ", observed.shape)}].", nameof(observed));
        using var any = observed.any(1);
        if (!any.all().item<bool>())
        {
            using var missing = any.logical_not().nonzero();
            long row = missing[0, 0].item<long>();
            throw new ArgumentException($"Subject row {row + 1} has no observed modality; it cannot be encoded.", nameof(observed));
        }
    }
}
