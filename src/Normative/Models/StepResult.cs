namespace Normative.Models;

/// <summary>What one training step reports.</summary>
/// <param name="Loss">The negative ELBO of the real batch, rec + KL (sum of squared errors over features
/// plus KL to the prior, averaged over subjects, unit weights), comparable across models. Introspective
/// models optimise other objectives too; those are in <paramref name="Terms"/>.</param>
/// <param name="Terms">Every named loss term of the step, averaged over the batch.</param>
public sealed record StepResult(double Loss, IReadOnlyDictionary<string, double> Terms)
{
    /// <summary>For a stack of models, each member's own result (then <see cref="Loss"/> and <see cref="Terms"/> are
    /// their means); null for a single model.</summary>
    public IReadOnlyList<StepResult>? Members { get; init; }
}
