using Normative.Data.Harmonisation;

namespace Normative.Tests.Data.Harmonisation;

/// <summary>
/// ComBat (Johnson et al. 2007; neuroComBat conventions, Fortin et al. 2018) against reference values from an
/// independent plain-Python implementation of the same equations (combat_reference.py beside this file; numpy
/// was not available, so it solves the normal equations by Gaussian elimination), plus closed-form properties.
/// </summary>
public sealed class ComBatTests
{
    /// <summary>The data of combat_reference.py: 24 subjects, 4 features, sites A (rows 0-11) and B (+0.8 location, x1.5 scale).</summary>
    private static (double[,] Values, string[] Sites, double[] Age, bool[] Male) Data()
    {
        var values = new double[24, 4];
        var sites = new string[24];
        var age = new double[24];
        var male = new bool[24];
        for (int r = 0; r < 24; r++)
        {
            sites[r] = r < 12 ? "A" : "B";
            age[r] = 60 + (r * 5) % 23;
            male[r] = r % 3 == 0;
            double shift = r < 12 ? 0 : 0.8, scale = r < 12 ? 1 : 1.5;
            for (int g = 0; g < 4; g++)
                values[r, g] = 10 + g + 0.05 * age[r] + 0.4 * (male[r] ? 1 : 0) + shift + scale * ((((r * 7 + g * 3) % 11) - 5) / 10.0);
        }
        return (values, sites, age, male);
    }

    private static double[] Row(double[,] m, int r) => Enumerable.Range(0, m.GetLength(1)).Select(g => m[r, g]).ToArray();

    [Fact]
    public void MatchesTheIndependentReferenceImplementation()
    {
        var (values, sites, age, male) = Data();
        var model = ComBat.Fit(values, sites, age, male);
        // Printed by `python3 combat_reference.py`.
        double[] gammaA = [-1.0442482330586396, -1.0417381879770733, -1.036455079802046, -1.036352153800697];
        double[] gammaB = [1.0420450349388284, 1.040754424506528, 1.038028773596721, 1.03796320990217];
        double[] deltaA = [0.7255426944621006, 0.7281652942772857, 0.7240662635324714, 0.7290386593159861];
        double[] deltaB = [1.4518075688282084, 1.4510393728854458, 1.4521418296635726, 1.450846949414848];
        double[] grand = [10.587444378664639, 11.703575282165179, 12.692343472490181, 13.905177081145135];
        double[] pooled = [0.1524108865038291, 0.16896831274786886, 0.14651821926980885, 0.15284615130594734];
        double[] row0 = [13.192229861394802, 14.574191305245476, 15.933781823012987, 17.257748222088825];
        double[] row13 = [14.076645661575991, 15.442741808873704, 16.854320984407586, 16.839206461740684];
        Assert.Equal(["A", "B"], model.Sites);
        for (int g = 0; g < 4; g++)
        {
            Assert.Equal(grand[g], model.GrandMean[g], 1e-9);
            Assert.Equal(pooled[g], model.PooledVariance[g], 1e-9);
            Assert.Equal(gammaA[g], model.GammaStar[0][g], 1e-9);
            Assert.Equal(gammaB[g], model.GammaStar[1][g], 1e-9);
            Assert.Equal(deltaA[g], model.DeltaStar[0][g], 1e-9);
            Assert.Equal(deltaB[g], model.DeltaStar[1][g], 1e-9);
        }
        var a0 = model.Adjust(Row(values, 0), "A", age[0], male[0]);
        var b13 = model.Adjust(Row(values, 13), "B", age[13], male[13]);
        for (int g = 0; g < 4; g++)
        {
            Assert.Equal(row0[g], a0[g], 1e-9);
            Assert.Equal(row13[g], b13[g], 1e-9);
        }
    }

    [Fact]
    public void AnUnseenSiteIsRefusedByName()
    {
        var (values, sites, age, male) = Data();
        var model = ComBat.Fit(values, sites, age, male);
        var error = Assert.Throws<UnseenSiteException>(() => model.Adjust(Row(values, 0), "C", 70, true));
        Assert.Equal("C", error.Site);
        Assert.Contains("Site 'C'", error.Message);
        Assert.Contains("--adapt-site C", error.Message);
    }

    /// <summary>
    /// Closed form: a new site whose controls are site A's shifted by k sigma_g in every feature has gamma_hat and the
    /// prior mean gamma_bar shifted by k and everything else equal, so its posterior gamma* is A's plus k (the EB mean is
    /// linear) and its delta* is A's: adapted, its subjects harmonise to exactly A's harmonised values.
    /// </summary>
    [Fact]
    public void AdaptingToANewSiteRecoversItsLocationShift()
    {
        var (values, sites, age, male) = Data();
        var model = ComBat.Fit(values, sites, age, male);
        var shifted = new double[12, 4];
        for (int r = 0; r < 12; r++)
            for (int g = 0; g < 4; g++) shifted[r, g] = values[r, g] + 0.7 * Math.Sqrt(model.PooledVariance[g]);
        var adapted = model.AdaptSite("C", shifted, age[..12], male[..12]);
        Assert.Equal(["A", "B", "C"], adapted.Sites);
        for (int r = 0; r < 12; r++)
        {
            var viaA = model.Adjust(Row(values, r), "A", age[r], male[r]);
            var viaC = adapted.Adjust(Row(shifted, r), "C", age[r], male[r]);
            for (int g = 0; g < 4; g++) Assert.Equal(viaA[g], viaC[g], 1e-6);
        }
        Assert.Throws<ArgumentException>(() => model.AdaptSite("D", new double[5, 4], new double[5], new bool[5]));
    }

    [Fact]
    public void HarmonisedTrainingSitesShareTheirMeans()
    {
        var (values, sites, age, male) = Data();
        var model = ComBat.Fit(values, sites, age, male);
        var adjusted = Enumerable.Range(0, 24).Select(r => model.Adjust(Row(values, r), sites[r], age[r], male[r])).ToArray();
        for (int g = 0; g < 4; g++)
        {
            double rawGap = Enumerable.Range(12, 12).Average(r => values[r, g]) - Enumerable.Range(0, 12).Average(r => values[r, g]);
            double gap = adjusted[12..].Average(v => v[g]) - adjusted[..12].Average(v => v[g]);
            Assert.True(Math.Abs(gap) < 0.1 * Math.Abs(rawGap), $"feature {g}: site gap {gap} after, {rawGap} before");
        }
    }

    [Fact]
    public void TooFewControlsAtASiteIsAClearError()
    {
        var (values, sites, age, male) = Data();
        sites[11] = "Z";
        var error = Assert.Throws<ArgumentException>(() => ComBat.Fit(values, sites, age, male));
        Assert.Contains("Site 'Z' has 1 training controls", error.Message);
    }
}
