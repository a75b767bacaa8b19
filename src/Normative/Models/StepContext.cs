namespace Normative.Models;

/// <summary>Where in training a step happens (1-based), so errors and warm-up schedules can refer to it.</summary>
/// <param name="Epoch">Epoch number, 1-based.</param>
/// <param name="Batch">Batch number within the epoch, 1-based.</param>
public readonly record struct StepContext(int Epoch, int Batch);
