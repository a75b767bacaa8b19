namespace Normative.Models;

/// <summary>Options of <see cref="JnfShared"/>: the projectors g_j and their contrastive pre-training.</summary>
public sealed record JnfSharedOptions : JnfOptions
{
    /// <summary>Size of each projection g_j(x_j). Range: &gt;= 1.</summary>
    public int ProjectionDim { get; init; } = 16;

    /// <summary>Temperature tau of the InfoNCE similarity (jnf-paper App. B.2: 0.1). Range: &gt; 0.</summary>
    public double Temperature { get; init; } = 0.1;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(ProjectionDim, 1, nameof(ProjectionDim));
        if (!(Temperature > 0) || double.IsInfinity(Temperature)) throw new ArgumentOutOfRangeException(nameof(Temperature), Temperature, "The temperature must be positive and finite.");
    }
}
