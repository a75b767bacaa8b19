namespace Normative.Training;

/// <summary>One epoch of training: the subject-weighted mean of each loss term over its batches.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Loss">Mean negative ELBO (rec + KL) of the real batches.</param>
/// <param name="Terms">Mean of every named term the model reports.</param>
/// <param name="ValidationMse">Reconstruction MSE (posterior-mean latent) on validation subjects, if any.</param>
/// <param name="Elapsed">Wall time since training started.</param>
public sealed record EpochRecord(int Epoch, double Loss, IReadOnlyDictionary<string, double> Terms, double? ValidationMse, TimeSpan Elapsed);
