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
public readonly record struct StepContext(int Epoch, int Batch, Generator? Random = null, int Epochs = 0);
