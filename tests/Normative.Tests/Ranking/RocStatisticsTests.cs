using Normative.Experiments;
using Normative.Ranking;

namespace Normative.Tests.Ranking;

public sealed class RocStatisticsTests
{
    private static readonly double[] TenControls = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

    [Fact]
    public void Partial_area_matches_the_hand_integral()
    {
        // Descending: 9.5 (patient) -> TPR 1/3 at FPR 0; 9 (control) -> FPR 0.1. Area to 0.1 = 0.1 * 1/3.
        var pauc = PartialAreaUnderRoc.Compute(TenControls, [9.5, 8.5, 5]);
        Assert.Equal(0.1 / 3, pauc.Raw, 12);
        // McClish (1989): 0.5 (1 + (A - 0.005) / (0.1 - 0.005)), by hand 0.64912280701754...
        Assert.Equal(0.5 * (1 + (0.1 / 3 - 0.005) / 0.095), pauc.Standardised, 12);
        // To FPR 0.15: the segment at TPR 2/3 from 0.1 to 0.15 adds 0.05 * 2/3 (linear cut inside the 0.1-0.2 step).
        Assert.Equal(0.1 / 3 + 0.05 * 2 / 3, PartialAreaUnderRoc.Compute(TenControls, [9.5, 8.5, 5], 0.15).Raw, 12);
    }

    [Fact]
    public void A_tie_is_a_diagonal_segment()
    {
        // One patient tied with the top control: the curve goes diagonally from (0, 0) to (0.1, 1); area 0.05.
        Assert.Equal(0.05, PartialAreaUnderRoc.Compute(TenControls, [9]).Raw, 12);
        // Cut halfway along the diagonal: 0.05 * 0.5 / 2.
        Assert.Equal(0.0125, PartialAreaUnderRoc.Compute(TenControls, [9], 0.05).Raw, 12);
    }

    [Fact]
    public void Partial_area_to_fpr_1_is_the_mann_whitney_auroc()
    {
        var random = new Random(3);
        var controls = Enumerable.Range(0, 60).Select(_ => Math.Round(random.NextDouble() * 8) / 2).ToArray();
        var patients = Enumerable.Range(0, 40).Select(_ => Math.Round(random.NextDouble() * 8 + 1) / 2).ToArray();
        double mannWhitney = AreaUnderRoc.Compute(controls.Concat(patients).ToArray(), controls.Select(_ => false).Concat(patients.Select(_ => true)).ToArray());
        Assert.Equal(mannWhitney, PartialAreaUnderRoc.Compute(controls, patients, 1.0).Raw, 12);
        Assert.Equal(mannWhitney, PartialAreaUnderRoc.Compute(controls, patients, 1.0).Standardised, 12);
    }

    [Fact]
    public void Chance_and_perfect_curves_standardise_to_one_half_and_one()
    {
        Assert.Equal(0.5, PartialAreaUnderRoc.Standardise(0.005, 0.1), 12);
        Assert.Equal(1.0, PartialAreaUnderRoc.Standardise(0.1, 0.1), 12);
    }

    [Theory]
    // k = ceil(0.95 * 10) = 10: the largest control, 9.
    [InlineData(0.05, 9.0)]
    // k = ceil(0.8 * 10) = 8: the 8th smallest, 7; two controls (8, 9) lie above it, FPR 0.2.
    [InlineData(0.2, 7.0)]
    public void Threshold_is_the_control_order_statistic(double alpha, double expected) =>
        Assert.Equal(expected, FixedFalsePositiveRate.Threshold(TenControls, alpha));

    [Fact]
    public void Threshold_keeps_the_observed_fpr_at_or_below_alpha()
    {
        var controls = Enumerable.Range(0, 2000).Select(i => (double)i).ToArray();
        double t = FixedFalsePositiveRate.Threshold(controls, 0.01);
        Assert.Equal(1979.0, t); // ceil(0.99 * 2000) = 1980th smallest; 20 of 2000 above it = exactly 1 %.
        Assert.Equal(0.01, FixedFalsePositiveRate.FractionAbove(controls, t), 12);
        Assert.Equal(2.0 / 3, FixedFalsePositiveRate.TruePositiveRate(TenControls, [9.5, 8.5, 5], 0.2), 12);
    }
}
