using Normative.Aggregation;

namespace Normative.Models;

/// <summary>
/// For models whose formulation fixes the fusion rule (mmJSD and MMVM: a mixture; MVTCAE: a product;
/// JMVAE and JNF: none, they define their own subset posteriors): the spec with that aggregator, so
/// checkpoints record the rule the model actually uses.
/// </summary>
internal static class FixedAggregator
{
    /// <summary><paramref name="spec"/> with aggregator <paramref name="kind"/> (null: none); throws if the spec asks for another.</summary>
    public static ModelSpec Apply(ModelSpec spec, AggregatorKind? kind)
    {
        if (spec.Aggregator is { } requested && requested != kind)
            throw new ArgumentException($"Model '{spec.Name}' {(kind is null ? "defines its own subset posteriors and takes no aggregator" : $"always fuses with {kind} (its formulation fixes the rule)")}; got aggregator {requested}.", nameof(spec));
        return spec with { Aggregator = kind };
    }
}
