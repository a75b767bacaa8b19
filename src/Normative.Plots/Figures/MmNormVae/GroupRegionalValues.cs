namespace Normative.Plots;

/// <summary>One model's value per region for one group (e.g. mean regional deviation of CDR 0.5 patients).</summary>
/// <param name="Model">Model label; one colour per model across panels.</param>
/// <param name="Group">Group label; one panel per group.</param>
/// <param name="Values">One value per region, in the order of the figure's region list.</param>
public sealed record GroupRegionalValues(string Model, string Group, IReadOnlyList<double> Values);
