namespace Normative.Models;

/// <summary>One entry of the <see cref="ModelRegistry"/>: how to build a model from its name.</summary>
/// <param name="Name">Registry name used by the CLI and in checkpoints ("mmsivae").</param>
/// <param name="Description">One line for help texts.</param>
/// <param name="UsesAggregator">Whether the caller chooses the aggregator (else the model concatenates its
/// inputs, fixes its own fusion rule, or defines its own subset posteriors).</param>
/// <param name="OptionsType">The options record the model reads (serialised in checkpoints).</param>
/// <param name="DefaultOptions">The model's options with their defaults.</param>
/// <param name="Create">Builds the model from a spec.</param>
/// <param name="Stackable">Whether several seeds of the model train as one stacked module (<see cref="ModelSpec.MemberSeeds"/>);
/// Models/README.md says why the others do not.</param>
public sealed record ModelDescriptor(
    string Name,
    string Description,
    bool UsesAggregator,
    Type OptionsType,
    Func<ModelOptions> DefaultOptions,
    Func<ModelSpec, MultimodalVae> Create,
    bool Stackable = false);
