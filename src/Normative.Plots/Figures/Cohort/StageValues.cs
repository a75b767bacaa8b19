namespace Normative.Plots;

/// <summary>One panel of <see cref="StageDistributionFigure"/>: a measure and its values per clinical stage.</summary>
/// <param name="Title">Panel title, e.g. "MRI: Left-Hippocampus".</param>
/// <param name="AxisLabel">Label of the value axis, e.g. "volume (mm³)".</param>
/// <param name="Stages">Stage names in drawing order (e.g. controls, CDR 0 (A+), CDR 0.5, CDR ≥ 1).</param>
/// <param name="Values">Values per stage, parallel to <paramref name="Stages"/>; subjects without a value are left out by the caller.</param>
public sealed record StageValues(string Title, string AxisLabel, IReadOnlyList<string> Stages, IReadOnlyList<IReadOnlyList<double>> Values);
