namespace Normative.Plots;

/// <summary>A model's ROC curve for recovering the planted (truly affected) regions of the synthetic cohort, and its area.</summary>
/// <param name="Model">Model label.</param>
/// <param name="FalsePositiveRate">FPR at each threshold, from 0 to 1.</param>
/// <param name="TruePositiveRate">TPR at each threshold, paired with <paramref name="FalsePositiveRate"/>.</param>
/// <param name="Auroc">Area under the curve (computed by the evaluation code). Range: 0 to 1.</param>
public sealed record RocCurve(string Model, IReadOnlyList<double> FalsePositiveRate, IReadOnlyList<double> TruePositiveRate, double Auroc);
