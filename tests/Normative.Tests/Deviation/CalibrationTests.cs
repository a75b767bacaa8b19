using Normative.Deviation;

namespace Normative.Tests.Deviation;

/// <summary>
/// Guards the reason for <see cref="DeviationConventions.Calibrated"/>: with p close to n the chi-square
/// reference flags most new controls (shown with the sample covariance, where theory gives the inflation exactly),
/// the cross-fitted threshold keeps their rate near nominal.
/// </summary>
public class CalibrationTests
{
    [Fact]
    public void Cross_fitted_threshold_keeps_new_control_false_positive_rate_near_nominal_when_p_approaches_n()
    {
        // n = 60 controls in p = 30 dimensions; 2000 new controls from the same Gaussian; alpha = 0.05 so the
        // rate is measurable. Sample-covariance theory: E[D^2] = p (n + 1)(n - 1) / (n (n - p - 2)) = 64 against p = 30.
        double[,] training = Fixtures.Gaussian(60, 30, seed: 31);
        double[,] newControls = Fixtures.Gaussian(2000, 30, seed: 32);
        var reference = MahalanobisReference.Fit(training, new SampleCovariance());
        double[] distances = reference.SquaredDistances(newControls);

        double Rate(ThresholdKind kind) =>
            distances.Count(new OutlierRule(kind, Alpha: 0.05).Calibrate(reference, training, seed: 3).IsOutlier) / 2000.0;

        double chiSquare = Rate(ThresholdKind.ChiSquare);
        double crossFitted = Rate(ThresholdKind.CrossFittedQuantile);
        double inSample = Rate(ThresholdKind.EmpiricalQuantile);
        Assert.True(chiSquare > 0.3, $"chi-square rate {chiSquare}");
        Assert.True(inSample > 0.3, $"in-sample empirical rate {inSample}");
        Assert.InRange(crossFitted, 0.005, 0.12);
        Assert.InRange(Rate(ThresholdKind.HotellingPrediction), 0.02, 0.08); // exact for this Gaussian case
    }
}
