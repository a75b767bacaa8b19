using MathNet.Numerics.Statistics;

namespace Normative.Deviation;

/// <summary>Shared input check and summary of two independent samples.</summary>
internal static class TwoSamples
{
    public static (DescriptiveStatistics First, DescriptiveStatistics Second) Validate(IReadOnlyList<double> first, IReadOnlyList<double> second)
    {
        ArrayInput.RequireFinite(first, nameof(first));
        ArrayInput.RequireFinite(second, nameof(second));
        ArrayInput.RequireCount(first, 2, nameof(first));
        ArrayInput.RequireCount(second, 2, nameof(second));
        return (new DescriptiveStatistics(first), new DescriptiveStatistics(second));
    }
}
