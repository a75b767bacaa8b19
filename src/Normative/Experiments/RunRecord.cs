namespace Normative.Experiments;

/// <summary>One trained model's timing and final loss, as recorded in run.json.</summary>
public sealed record RunTiming(string Method, string MethodKey, int LatentDim, int Seed, int Epochs, double FinalLoss, double TrainingSeconds);

/// <summary>
/// The provenance of a results folder (design §6): dataset, preset and its hyper-parameters, deviation
/// conventions, seeds, package versions and wall times — enough to rerun it.
/// </summary>
public sealed record RunRecord(
    string Configuration,
    string Cohort,
    string CohortSource,
    int Subjects,
    string Preset,
    Training.TrainingOptions Training,
    Deviation.DeviationConventions Conventions,
    IReadOnlyList<string> Methods,
    IReadOnlyList<int> LatentSizes,
    IReadOnlyList<int> Seeds,
    string PackageVersion,
    string TorchSharpVersion,
    string DotnetVersion,
    DateTimeOffset Started,
    double WallSeconds,
    IReadOnlyList<RunTiming> Runs)
{
    /// <summary>K of <c>--cross-fit K</c> (outlier thresholds from a K-fold whole-pipeline cross-fit); null without one.</summary>
    public int? CrossFitFolds { get; init; }
}
