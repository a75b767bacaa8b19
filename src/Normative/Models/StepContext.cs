using static TorchSharp.torch;

namespace Normative.Models;

/// <summary>
/// Where in training a step happens (1-based), so errors and warm-up schedules can refer to it, and the
/// random source of the step's draws.
/// </summary>
/// <param name="Epoch">Epoch number, 1-based.</param>
/// <param name="Batch">Batch number within the epoch, 1-based.</param>
/// <param name="Random">The run's seeded generator; null uses torch's global generator. A generator owned by
/// the run keeps it reproducible even when other threads draw random numbers at the same time.</param>
/// <param name="Epochs">Epochs of the whole run (0 when unknown), for models that schedule training stages
/// (JNF trains its joint model in the first half, its unimodal posteriors in the second).</param>
/// <param name="MemberRandom">In a stack of models, each member's own seeded generator (member k's draws come from
/// entry k, as they would alone); null for a single model.</param>
public readonly record struct StepContext(int Epoch, int Batch, Generator? Random = null, int Epochs = 0, IReadOnlyList<Generator>? MemberRandom = null)
{
    /// <summary>The generator of stack member <paramref name="member"/> (<see cref="Random"/> for a single model).</summary>
    public Generator? RandomOf(int member) => MemberRandom is { } generators ? generators[member] : Random;
}
