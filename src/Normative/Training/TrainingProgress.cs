namespace Normative.Training;

/// <summary>Reported after every epoch (the CLI turns it into a progress bar).</summary>
/// <param name="Epoch">Epochs finished, 1-based.</param>
/// <param name="TotalEpochs">Epochs planned.</param>
/// <param name="Loss">Mean negative ELBO of the epoch's training batches.</param>
/// <param name="ValidationMse">Reconstruction MSE on the validation subjects, when given.</param>
public readonly record struct TrainingProgress(int Epoch, int TotalEpochs, double Loss, double? ValidationMse);
