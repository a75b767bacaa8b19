using Normative.Ranking;

namespace Normative.Tests.Ranking;

public sealed class BootstrapStatisticsTests
{
    private static double[] Normal(Random random, int n, double mean) =>
        Enumerable.Range(0, n).Select(_ => mean + Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())).ToArray();

    [Fact]
    public void Bootstrap_interval_width_agrees_with_hanley_mcneil()
    {
        var random = new Random(11);
        double[] controls = Normal(random, 300, 0), patients = Normal(random, 200, 1);
        var result = Discrimination.Compute(new SeedScores([controls], [patients]), new BootstrapOptions(Replicates: 2000, Seed: 1));
        // Hanley & McNeil (1982), Radiology 143, 29-36, Eq. 2: SE^2 = (A(1-A) + (n1-1)(Q1-A^2) + (n2-1)(Q2-A^2)) / (n1 n2),
        // Q1 = A / (2 - A), Q2 = 2A^2 / (1 + A); a normal 95 % interval is then +-1.96 SE wide.
        double a = result.Auroc, q1 = a / (2 - a), q2 = 2 * a * a / (1 + a);
        double se = Math.Sqrt((a * (1 - a) + (200 - 1) * (q1 - a * a) + (300 - 1) * (q2 - a * a)) / (200.0 * 300));
        Assert.InRange((result.AurocUpper - result.AurocLower) / (2 * 1.959964), 0.85 * se, 1.15 * se);
        Assert.InRange(a, result.AurocLower, result.AurocUpper);
        Assert.InRange(result.PartialAuroc, result.PartialAurocLower, result.PartialAurocUpper);
    }

    [Fact]
    public void Same_seed_same_interval()
    {
        var random = new Random(2);
        var scores = new SeedScores([Normal(random, 40, 0)], [Normal(random, 30, 0.8)]);
        var options = new BootstrapOptions(Replicates: 200, Seed: 9);
        Assert.Equal(Discrimination.Compute(scores, options), Discrimination.Compute(scores, options));
    }

    [Fact]
    public void Seed_average_is_the_mean_of_the_per_seed_aurocs()
    {
        double[] controls = [0, 1, 2, 3];
        var scores = new SeedScores([controls, controls], [[4, 5], [0.5, 5]]);
        // Seed 1: AUROC 1; seed 2: patient 0.5 beats 1 of 4 controls, patient 5 all 4 -> 5/8. Mean 13/16.
        Assert.Equal(13.0 / 16, Discrimination.Compute(scores, new BootstrapOptions(Replicates: 10)).Auroc, 12);
    }

    [Fact]
    public void Paired_difference_agrees_with_delong()
    {
        var random = new Random(5);
        // Two correlated scores of the same 150 controls and 120 patients: a shared subject effect plus method noise.
        double[] sharedC = Normal(random, 150, 0), sharedP = Normal(random, 120, 1.0);
        double[] aC = sharedC.Zip(Normal(random, 150, 0), (s, e) => s + 0.5 * e).ToArray(), aP = sharedP.Zip(Normal(random, 120, 0.4), (s, e) => s + 0.5 * e).ToArray();
        double[] bC = sharedC.Zip(Normal(random, 150, 0), (s, e) => s + 0.8 * e).ToArray(), bP = sharedP.Zip(Normal(random, 120, 0), (s, e) => s + 0.8 * e).ToArray();
        var result = PairedAurocDifference.Compute(new SeedScores([aC], [aP]), new SeedScores([bC], [bP]), new BootstrapOptions(Replicates: 2000, Seed: 4));
        var (delta, delongSe) = DeLong(aC, aP, bC, bP);
        Assert.Equal(delta, result.Difference, 12);
        Assert.InRange(result.StandardError, 0.85 * delongSe, 1.15 * delongSe);
    }

    [Fact]
    public void A_method_compared_with_itself_differs_by_exactly_zero()
    {
        var random = new Random(8);
        var scores = new SeedScores([Normal(random, 30, 0)], [Normal(random, 30, 1)]);
        var result = PairedAurocDifference.Compute(scores, scores, new BootstrapOptions(Replicates: 100));
        Assert.Equal(0, result.Difference);
        Assert.Equal(0, result.Lower);
        Assert.Equal(0, result.Upper);
        Assert.Equal(AurocComparison.NotDistinguishable, result.Verdict);
    }

    [Fact]
    public void A_clearly_better_score_is_called_better()
    {
        var random = new Random(12);
        double[] c = Normal(random, 200, 0), p = Normal(random, 200, 2);
        var noisy = new SeedScores([c.Select(v => v + 3 * random.NextDouble()).ToArray()], [p.Select(v => v + 3 * random.NextDouble()).ToArray()]);
        var result = PairedAurocDifference.Compute(new SeedScores([c], [p]), noisy, new BootstrapOptions(Replicates: 500));
        Assert.Equal(AurocComparison.Better, result.Verdict);
    }

    /// <summary>
    /// DeLong, DeLong &amp; Clarke-Pearson (1988), Biometrics 44, 837-845: structural components V10 (per patient) and
    /// V01 (per control) of each method; Var(A1 - A2) = (S10_11 + S10_22 - 2 S10_12) / m + (S01_11 + S01_22 - 2 S01_12) / n.
    /// </summary>
    private static (double Delta, double Se) DeLong(double[] aC, double[] aP, double[] bC, double[] bP)
    {
        static double Psi(double x, double y) => x > y ? 1 : x == y ? 0.5 : 0;
        int m = aP.Length, n = aC.Length;
        double[] v10a = aP.Select(x => aC.Average(y => Psi(x, y))).ToArray(), v10b = bP.Select(x => bC.Average(y => Psi(x, y))).ToArray();
        double[] v01a = aC.Select(y => aP.Average(x => Psi(x, y))).ToArray(), v01b = bC.Select(y => bP.Average(x => Psi(x, y))).ToArray();
        static double Cov(double[] u, double[] v)
        {
            double mu = u.Average(), mv = v.Average();
            return u.Zip(v, (a, b) => (a - mu) * (b - mv)).Sum() / (u.Length - 1);
        }
        double variance = (Cov(v10a, v10a) + Cov(v10b, v10b) - 2 * Cov(v10a, v10b)) / m + (Cov(v01a, v01a) + Cov(v01b, v01b) - 2 * Cov(v01a, v01b)) / n;
        return (v10a.Average() - v10b.Average(), Math.Sqrt(variance));
    }
}
