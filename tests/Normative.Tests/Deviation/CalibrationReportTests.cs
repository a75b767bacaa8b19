using Normative.Deviation;
using Normative.Ranking;

namespace Normative.Tests.Deviation;

/// <summary>
/// The calibration report (issue 20): exceedance counts and intervals against hand-computed values, moments against a
/// closed form, and a seeded case where a shifted control group (and only the shifted site) must be flagged.
/// Reference quantiles of the beta distribution were computed with mpmath 1.3.0 (python3, 40 digits, bisection on
/// <c>mpmath.betainc(a, b, 0, x, regularized=True)</c>); the same script reproduces R's <c>binom.test(1, 10)</c> interval
/// (0.002528579, 0.445016117) quoted in ProportionIntervalTests.
/// </summary>
public sealed class CalibrationReportTests
{
    private const int Digits = 9;

    /// <summary>Scores of n controls with the given p-values (both distances) and z-scores (all three families).</summary>
    private static DeviationScores Scores(double[] pValues, double[,] z, double[]? steps = null) => new()
    {
        LatentSquaredDistance = pValues.Select(_ => 1.0).ToArray(),
        FeatureSquaredDistance = pValues.Select(_ => 1.0).ToArray(),
        LatentPValue = pValues,
        FeaturePValue = pValues,
        LatentPValueStep = steps,
        FeaturePValueStep = steps,
        LatentOutlier = pValues.Select(_ => false).ToArray(),
        FeatureOutlier = pValues.Select(_ => false).ToArray(),
        LatentZ = z,
        FeatureZ = z,
        SignedResiduals = z,
    };

    [Fact]
    public void Distance_exceedance_counts_and_exact_intervals_match_hand_computed_values()
    {
        // 10 controls: 3 with p <= 0.05, 2 with p <= 0.01, 1 with p <= 0.001 (continuous p-values: expected = alpha).
        double[] p = [0.0004, 0.003, 0.02, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.9];
        var entry = Assert.Single(ControlCalibration.Compute("m", "holdout", Scores(p, new double[10, 1])));
        var distance = entry.Measures.Single(m => m.Measure == CalibrationMeasure.LatentDistance);
        // (k, lower, upper): mpmath Clopper-Pearson, 95 %.
        (int K, double Lower, double Upper)[] expected =
        [
            (3, 0.0667395111777, 0.65245285006),
            (2, 0.0252107263268, 0.556095462308),
            (1, 0.00252857854446, 0.445016117028),
        ];
        for (int a = 0; a < 3; a++)
        {
            var x = distance.Exceedances[a];
            Assert.Equal(CalibrationOptions.Default.Alphas[a], x.Expected);
            Assert.Equal(expected[a].K, x.Exceeding);
            Assert.Equal(10, x.Values);
            Assert.Equal(10, x.EffectiveTrials);
            Assert.Equal(expected[a].Lower, x.Interval.Lower, Digits);
            Assert.Equal(expected[a].Upper, x.Interval.Upper, Digits);
            // Every observed rate's interval lies above its alpha: too many exceedances.
            Assert.Equal(CalibrationVerdict.TooMany, x.Verdict);
        }
    }

    [Fact]
    public void Empirical_p_values_are_checked_against_their_attainable_rate_and_read_as_mid_p_z_scores()
    {
        // Step 1/250 (an empirical threshold of n = 249 reference distances): P(p <= alpha) = floor(250 alpha) / 250
        // = 12/250 at 0.05, 2/250 at 0.01, 0 at 0.001. The mid-p of p = 1 is 1 - 1/500: z = -Φ^-1(0.998) = -2.87816173909548.
        double step = 1.0 / 250;
        double[] p = [12 * step, 1.0, 0.5];
        var withSteps = Assert.Single(ControlCalibration.Compute("m", "holdout", Scores(p, new double[3, 1], [step, step, step])));
        var d = withSteps.Measures.Single(m => m.Measure == CalibrationMeasure.FeatureDistance);
        Assert.Equal(12 * step, d.Exceedances[0].Expected, 15);
        Assert.Equal(2 * step, d.Exceedances[1].Expected, 15);
        Assert.Equal(0.0, d.Exceedances[2].Expected);
        Assert.Equal([1, 0, 0], d.Exceedances.Select(x => x.Exceeding).ToArray()); // p = 12/250 counts at 0.05 despite rounding
        Assert.Equal(3, d.Moments.Count);
        double z1 = -MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 12 * step - step / 2);
        double z2 = -2.87816173909548, z3 = -MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.5 - step / 2);
        Assert.Equal((z1 + z2 + z3) / 3, d.Moments.Mean, 9);
    }

    [Fact]
    public void The_no_model_baseline_is_checked_on_its_distance_and_signed_residuals_only()
    {
        // The distance p-values of the first test (3 / 2 / 1 of 10 at 0.05 / 0.01 / 0.001) with the empirical step 1/250
        // (attainable rates 12/250, 2/250, 0), and the z-scores of the clustered test (5 of 40 values beyond 2.5758).
        double[] p = [0.0004, 0.003, 0.02, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.9];
        var z = new double[10, 4];
        z[0, 0] = 3; z[0, 1] = -3; z[1, 2] = 3; z[1, 3] = 3; z[2, 0] = 2.7;
        var baseline = new NoModelScores(p.Select(_ => 1.0).ToArray(), p, p.Select(_ => false).ToArray(), z) { PValueStep = p.Select(_ => 1.0 / 250).ToArray() };

        var entry = Assert.Single(ControlCalibration.Compute("baseline", "holdout", CalibrationScores.Of(baseline)));

        Assert.Equal([CalibrationMeasure.FeatureDistance, CalibrationMeasure.SignedResidual], entry.Measures.Select(m => m.Measure).ToArray());
        var distance = entry.Measures[0];
        Assert.Equal([3, 2, 1], distance.Exceedances.Select(x => x.Exceeding).ToArray());
        Assert.Equal([12 / 250.0, 2 / 250.0, 0.0], distance.Exceedances.Select(x => Math.Round(x.Expected, 15)).ToArray());
        var residual = entry.Measures[1];
        Assert.Equal([5, 5, 0], residual.Exceedances.Select(x => x.Exceeding).ToArray());
        Assert.Equal(1575.0 / 65, residual.Exceedances[0].EffectiveTrials, 10);
    }

    [Fact]
    public void Scores_without_any_measure_are_refused()
    {
        var empty = new CalibrationScores { Count = 3 };

        var error = Assert.Throws<ArgumentException>(() => ControlCalibration.Compute("nothing", "holdout", empty));

        Assert.Contains("nothing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Z_score_exceedance_uses_the_clustered_effective_sample_size()
    {
        // 10 subjects x 4 z-scores. Two subjects have |z| = 3 twice (beyond 2.5758 = Φ^-1(0.995), not beyond 3.2905), one has
        // 2.7 once, the rest stay near 0. Per subject k_i = 2, 2, 1, 0 x 7 of m_i = 4; K = 5, N = 40, p̂ = 0.125.
        // Var(p̂) = 10/9 * (2 * 1.5^2 + 0.5^2 + 7 * 0.5^2) / 40^2 = 65/14400; n* = p̂ (1 - p̂) / Var = 1575/65 = 24.2307692307692,
        // k* = p̂ n* = 3.02884615384615 -> mpmath beta quantiles [0.0268385808652, 0.322382978435].
        var z = new double[10, 4];
        z[0, 0] = 3; z[0, 1] = -3; z[1, 2] = 3; z[1, 3] = 3; z[2, 0] = 2.7;
        for (int i = 3; i < 10; i++) z[i, 1] = 0.1 * i;
        var entry = Assert.Single(ControlCalibration.Compute("m", "calibration", Scores(Enumerable.Repeat(0.5, 10).ToArray(), z)));
        foreach (var family in new[] { CalibrationMeasure.LatentZ, CalibrationMeasure.RegionalZ, CalibrationMeasure.SignedResidual })
        {
            var measure = entry.Measures.Single(m => m.Measure == family);
            foreach (var x in measure.Exceedances.Take(2))
            {
                Assert.Equal(5, x.Exceeding);
                Assert.Equal(40, x.Values);
                Assert.Equal(10, x.Subjects);
                Assert.Equal(1575.0 / 65, x.EffectiveTrials, 10);
                Assert.Equal(0.0268385808652, x.Interval.Lower, Digits);
                Assert.Equal(0.322382978435, x.Interval.Upper, Digits);
            }
            // None beyond 3.2905 at 0.001: no information on the correlation, so n* = the 10 subjects; upper = 1 - 0.025^(1/10).
            var rare = measure.Exceedances[2];
            Assert.Equal(0, rare.Exceeding);
            Assert.Equal(10, rare.EffectiveTrials);
            Assert.Equal(0.308497107818761, rare.Interval.Upper, Digits);
        }
    }

    [Fact]
    public void Effective_interval_reduces_to_clopper_pearson_at_the_bounds()
    {
        // Perfect correlation: every subject's two values agree, K = 4 of N = 20 in 10 subjects; n* = 9 clamps to the 10
        // subjects, k* = 2 -> Clopper-Pearson 2/10 = [0.0252107263268, 0.556095462308] (mpmath).
        var x = CalibrationExceedance.FromSubjects(0.05, 0.05, [2, 2, 0, 0, 0, 0, 0, 0, 0, 0], [2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
        Assert.Equal(10, x.EffectiveTrials);
        Assert.Equal(0.0252107263268, x.Interval.Lower, Digits);
        Assert.Equal(0.556095462308, x.Interval.Upper, Digits);
        // Negative within-subject correlation: n* = 27 clamps to the N = 20 values -> Clopper-Pearson 5/20 = [0.0865714691014, 0.491045871708].
        var y = CalibrationExceedance.FromSubjects(0.05, 0.05, [1, 1, 1, 1, 1, 0, 0, 0, 0, 0], [2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
        Assert.Equal(20, y.EffectiveTrials);
        Assert.Equal(ClopperPearson.Interval(5, 20).Lower, y.Interval.Lower, 12);
        Assert.Equal(0.0865714691014, y.Interval.Lower, Digits);
        Assert.Equal(0.491045871708, y.Interval.Upper, Digits);
    }

    [Fact]
    public void Moments_match_the_closed_form()
    {
        // x = 1, 2, 3, 4, 10: mean 4; central moments m2 = 50/5 = 10, m3 = 180/5 = 36, m4 = 1394/5 = 278.8 (by hand);
        // sd (ddof 1) = sqrt(12.5); g1 = 36 / 10^1.5; g2 = 278.8 / 100 - 3 = -0.212. NaN (an unobserved region) is skipped.
        var m = ZScoreMoments.Of([1, 2, double.NaN, 3, 4, 10]);
        Assert.Equal(5, m.Count);
        Assert.Equal(4, m.Mean, 12);
        Assert.Equal(Math.Sqrt(12.5), m.StandardDeviation, 12);
        Assert.Equal(36 / Math.Pow(10, 1.5), m.Skewness, 12);
        Assert.Equal(-0.212, m.ExcessKurtosis, 12);
    }

    [Fact]
    public void A_shifted_site_is_flagged_mis_calibrated_and_the_in_distribution_site_is_not()
    {
        // Reference: 300 training controls, latent N(0, I_5), signed residuals N(0, I_10), squared errors = residual^2;
        // sample covariance with Hotelling's prediction threshold, whose p-values are exact for a new Gaussian vector.
        // New controls: site A from the same distribution; site B as a study transferred without adaptation: latents
        // shifted by 0.75 sd, residuals 1.5x wider. (At p = 0.001, D_ml of site B exceeds with probability 0.014: the
        // non-central chi-square(5, 5 * 0.75^2) tail beyond the threshold 20.9, mpmath.)
        var training = Inputs(Fixtures.Gaussian(300, 5, seed: 71), Fixtures.Gaussian(300, 10, seed: 72));
        var conventions = DeviationConventions.Default with
        {
            LatentCovariance = CovarianceEstimatorKind.Sample,
            FeatureCovariance = CovarianceEstimatorKind.Sample,
            Outliers = new OutlierRule(ThresholdKind.HotellingPrediction),
        };
        var reference = NormativeReference.Fit(training, conventions);
        var siteA = Inputs(Fixtures.Gaussian(1500, 5, seed: 73), Fixtures.Gaussian(1500, 10, seed: 74));
        var siteB = Inputs(Fixtures.Gaussian(1500, 5, seed: 75, mean: 0.75), Fixtures.Gaussian(1500, 10, seed: 76, sd: 1.5));
        var both = Inputs(Stack(siteA.Latents, siteB.Latents), Stack(siteA.Residuals!, siteB.Residuals!));
        string?[] sites = [.. Enumerable.Repeat("A", 1500), .. Enumerable.Repeat("B", 1500)];

        var report = CalibrationReport.Compute([new CalibrationInput("simulated", "new", reference.Score(both), sites)]);

        Assert.Equal(["all", "A", "B"], report.Entries.Select(e => e.Site ?? "all").ToArray());
        CalibrationVerdict Verdict(string? site, CalibrationMeasure measure, int level) =>
            report.Entries.Single(e => e.Site == site).Measures.Single(m => m.Measure == measure).Exceedances[level].Verdict;
        foreach (var measure in new[] { CalibrationMeasure.LatentDistance, CalibrationMeasure.FeatureDistance, CalibrationMeasure.LatentZ, CalibrationMeasure.SignedResidual })
            for (int level = 0; level < 3; level++)
            {
                Assert.Equal(CalibrationVerdict.TooMany, Verdict("B", measure, level));
                Assert.Equal(CalibrationVerdict.TooMany, Verdict(null, measure, level));
            }
        // Site A's D_ml is calibrated at every level: Hotelling's threshold accounts for the reference's estimated mean and covariance.
        for (int level = 0; level < 3; level++) Assert.Equal(CalibrationVerdict.Calibrated, Verdict("A", CalibrationMeasure.LatentDistance, level));
        // Site A's z-scores divide by an sd estimated from 300 controls, which 7,500-15,000 values resolve: measured, Z_ml at
        // p = 0.05 is 430/7500 = 0.057 [0.052, 0.063], flagged too many, correctly. The shift is what must stand out: B's rate at
        // least twice A's at every level (B expects P(|N(0.75, 1)| >= 1.96) = 0.116 and P(|N(0, 1.5^2)| >= 1.96) = 0.19 at 0.05).
        double Rate(string site, CalibrationMeasure measure, int level) =>
            report.Entries.Single(e => e.Site == site).Measures.Single(m => m.Measure == measure).Exceedances[level].Rate;
        foreach (var measure in new[] { CalibrationMeasure.LatentZ, CalibrationMeasure.SignedResidual })
            for (int level = 0; level < 3; level++) Assert.True(Rate("B", measure, level) > 2 * Rate("A", measure, level), $"{measure} at level {level}");
        // Z_mf z-scores a squared error, whose chi-square(1) tail is far heavier than a Gaussian's: P(|z| >= 3.29) =
        // P(chi2_1 >= 1 + 3.29 sqrt 2) ≈ 0.018, not 0.001. The report must say so even for the in-distribution site.
        Assert.Equal(CalibrationVerdict.TooMany, Verdict("A", CalibrationMeasure.RegionalZ, 2));
        var shifted = report.Entries.Single(e => e.Site == "B").Measures.Single(m => m.Measure == CalibrationMeasure.LatentZ).Moments;
        Assert.InRange(shifted.Mean, 0.65, 0.85);
        Assert.Contains(report.Warnings, w => w.Site == "B" && w.Measure == CalibrationMeasure.LatentDistance && w.Message.Contains("too many", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Warnings, w => w.Site == "A" && w.Measure == CalibrationMeasure.LatentDistance);
        string markdown = report.ToMarkdown();
        Assert.Contains("**Warning:", markdown, StringComparison.Ordinal);
        Assert.Contains("| simulated | new | B | D_ml p |", markdown, StringComparison.Ordinal);
    }

    private static DeviationInputs Inputs(double[,] latents, double[,] residuals)
    {
        var errors = new double[residuals.GetLength(0), residuals.GetLength(1)];
        for (int i = 0; i < errors.GetLength(0); i++)
            for (int j = 0; j < errors.GetLength(1); j++) errors[i, j] = residuals[i, j] * residuals[i, j];
        return new DeviationInputs(latents, errors, RegionalErrorKind.Squared, residuals);
    }

    private static double[,] Stack(double[,] a, double[,] b)
    {
        int n = a.GetLength(0), p = a.GetLength(1);
        var x = new double[n + b.GetLength(0), p];
        for (int i = 0; i < x.GetLength(0); i++)
            for (int j = 0; j < p; j++) x[i, j] = i < n ? a[i, j] : b[i - n, j];
        return x;
    }
}
