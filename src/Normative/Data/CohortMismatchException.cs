namespace Normative.Data;

/// <summary>A cohort differs from what a model reads (modalities, regions, ICV division or covariates); the message names the first difference.</summary>
public sealed class CohortMismatchException(string message) : InvalidOperationException(message);
