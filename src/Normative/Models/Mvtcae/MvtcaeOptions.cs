namespace Normative.Models;

/// <summary>Options of <see cref="Mvtcae"/>: the total-correlation mixing weight alpha.</summary>
public sealed record MvtcaeOptions : ModelOptions
{
    /// <summary>alpha: how much of the rate goes to the conditional information bottlenecks
    /// KL(q(z | X) || q(z | x_m)) rather than to KL(q(z | X) || p(z)) (Hwang et al. recommend 0.9, the value
    /// the JNF paper used). Range: 0 &lt;= alpha &lt;= 1.</summary>
    public double Alpha { get; init; } = 0.9;

    /// <inheritdoc/>
    public override void Validate()
    {
        base.Validate();
        if (!(Alpha >= 0 && Alpha <= 1)) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "alpha must lie in [0, 1].");
    }
}
