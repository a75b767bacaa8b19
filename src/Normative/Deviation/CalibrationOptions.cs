namespace Normative.Deviation;

/// <summary>The levels a calibration report checks and the coverage of its intervals.</summary>
/// <param name="Alphas">Nominal levels (issue 20: 0.05, 0.01, 0.001). Range: each in (0, 1).</param>
/// <param name="Level">Coverage of the exact intervals. Range: (0, 1).</param>
public sealed record CalibrationOptions(IReadOnlyList<double> Alphas, double Level = 0.95)
{
    /// <summary>p = 0.05 / 0.01 / 0.001 with 95 % intervals.</summary>
    public static CalibrationOptions Default { get; } = new([0.05, 0.01, 0.001]);
}
