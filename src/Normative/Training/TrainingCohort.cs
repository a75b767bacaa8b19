namespace Normative.Training;

/// <summary>The cohort a saved model was trained on, as its checkpoint records it.</summary>
/// <param name="Name">The cohort's name (its manifest's <c>name</c>).</param>
/// <param name="ContentSha256">Its <see cref="Data.CohortContentHash"/>: equal exactly when a cohort loads to the same subjects and values.</param>
public sealed record TrainingCohort(string Name, string ContentSha256);
