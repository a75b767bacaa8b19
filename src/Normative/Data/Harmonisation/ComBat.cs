using MathNet.Numerics.LinearAlgebra;

namespace Normative.Data.Harmonisation;

/// <summary>
/// ComBat harmonisation of site (scanner) effects with empirical-Bayes location and scale estimates
/// (Johnson, Li &amp; Rabinovic 2007, Biostatistics 8:118-127, "Adjusting batch effects in microarray expression
/// data using empirical Bayes methods"; for imaging features Fortin et al. 2018, NeuroImage 167:104-120, whose
/// neuroComBat conventions this follows). Model: y_ijg = alpha_g + X_ij beta_g + gamma_ig + delta_ig eps_ijg for
/// site i, subject j, feature g, with biological covariates X (age, sex) preserved. Fitted on the training
/// controls only; <see cref="Adjust"/> then applies the fitted site parameters to anyone from a fitted site.
/// </summary>
/// <remarks>
/// Steps (neuroComBat): OLS of each feature on [site one-hot, age, male]; grand mean alpha_g = sum_i (n_i / n) gamma-coefficient_ig;
/// pooled variance sigma_g^2 = mean over subjects of the squared OLS residual (divisor n); standardised data
/// s = (y - alpha - X beta) / sigma; per site gamma_hat = mean of s, delta_hat^2 = variance of s (ddof 1); priors
/// across features: gamma_bar, tau^2 (ddof 1) and the inverse-gamma a, b by the method of moments; the posterior
/// means gamma*, delta*^2 by the fixed-point iteration of Johnson 2007 (stop when the largest relative change
/// is below 1e-4). Harmonised value: y* = sigma (s - gamma*) / delta* + alpha + X beta.
/// </remarks>
public sealed record ComBat
{
    /// <summary>Fewest controls a site needs, at fit or for <see cref="AdaptSite"/>: the variance and the
    /// empirical-Bayes priors are unstable below it (a documented floor, not a tuned value).</summary>
    public const int MinimumSiteControls = 10;

    /// <summary>Site labels, in the order of <see cref="GammaStar"/> and <see cref="DeltaStar"/>.</summary>
    public required string[] Sites { get; init; }

    /// <summary>Training controls per site.</summary>
    public required int[] SiteCounts { get; init; }

    /// <summary>alpha_g: the size-weighted mean of the site intercepts, per feature.</summary>
    public required double[] GrandMean { get; init; }

    /// <summary>beta_g of age (per year), per feature.</summary>
    public required double[] AgeEffect { get; init; }

    /// <summary>beta_g of male sex, per feature.</summary>
    public required double[] MaleEffect { get; init; }

    /// <summary>sigma_g^2, per feature.</summary>
    public required double[] PooledVariance { get; init; }

    /// <summary>gamma*_ig: the empirical-Bayes site location, per site and feature (standardised units).</summary>
    public required double[][] GammaStar { get; init; }

    /// <summary>delta*_ig^2: the empirical-Bayes site scale (variance), per site and feature.</summary>
    public required double[][] DeltaStar { get; init; }

    /// <summary>Fits ComBat on <paramref name="values"/> [n, p] of the training controls.</summary>
    /// <param name="values">Features (rows = subjects).</param>
    /// <param name="sites">Site of each row.</param>
    /// <param name="age">Age of each row (years).</param>
    /// <param name="male">Sex of each row.</param>
    public static ComBat Fit(double[,] values, IReadOnlyList<string> sites, IReadOnlyList<double> age, IReadOnlyList<bool> male)
    {
        int n = values.GetLength(0), p = values.GetLength(1);
        if (sites.Count != n || age.Count != n || male.Count != n) throw new ArgumentException("One site, age and sex per row are needed.");
        var labels = sites.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var counts = labels.Select(l => sites.Count(s => s == l)).ToArray();
        for (int i = 0; i < labels.Length; i++)
        {
            if (counts[i] < MinimumSiteControls)
                throw new ArgumentException($"Site '{labels[i]}' has {counts[i]} training controls; ComBat needs at least {MinimumSiteControls} per site.");
        }
        if (male.All(m => m) || male.All(m => !m))
            throw new ArgumentException("All training controls have the same sex; the sex effect ComBat preserves cannot be estimated.");
        int k = labels.Length;
        var design = Matrix<double>.Build.Dense(n, k + 2, (r, c) =>
            c < k ? (sites[r] == labels[c] ? 1 : 0) : c == k ? age[r] : (male[r] ? 1 : 0));
        var y = Matrix<double>.Build.DenseOfArray(values);
        var beta = design.TransposeThisAndMultiply(design).Solve(design.TransposeThisAndMultiply(y)); // (k + 2) x p
        var residual = y - design * beta;
        var grand = new double[p];
        var variance = new double[p];
        for (int g = 0; g < p; g++)
        {
            for (int i = 0; i < k; i++) grand[g] += counts[i] / (double)n * beta[i, g];
            double sum = 0;
            for (int r = 0; r < n; r++) sum += residual[r, g] * residual[r, g];
            variance[g] = sum / n;
            if (!(variance[g] > 0)) throw new ArgumentException($"Feature {g + 1} has no residual variance after the site and covariate fit.");
        }
        var model = new ComBat
        {
            Sites = labels, SiteCounts = counts, GrandMean = grand,
            AgeEffect = Enumerable.Range(0, p).Select(g => beta[k, g]).ToArray(),
            MaleEffect = Enumerable.Range(0, p).Select(g => beta[k + 1, g]).ToArray(),
            PooledVariance = variance, GammaStar = [], DeltaStar = [],
        };
        var standardised = model.Standardise(values, age, male);
        var gamma = new double[k][];
        var delta = new double[k][];
        for (int i = 0; i < k; i++)
        {
            var rows = Enumerable.Range(0, n).Where(r => sites[r] == labels[i]).ToArray();
            (gamma[i], delta[i]) = EmpiricalBayes(standardised, rows);
        }
        return model with { GammaStar = gamma, DeltaStar = delta };
    }

    /// <summary>
    /// The same model with site <paramref name="site"/>'s location and scale estimated from its own controls
    /// (the alpha, beta and sigma fitted on the training controls are kept): how a site the model never saw is
    /// admitted. Those controls are then in-sample for that site.
    /// </summary>
    public ComBat AdaptSite(string site, double[,] controls, IReadOnlyList<double> age, IReadOnlyList<bool> male)
    {
        int n = controls.GetLength(0);
        if (n < MinimumSiteControls)
            throw new ArgumentException($"Adapting to site '{site}' needs at least {MinimumSiteControls} of its controls; got {n}.");
        var standardised = Standardise(controls, age, male);
        var (gamma, delta) = EmpiricalBayes(standardised, Enumerable.Range(0, n).ToArray());
        int at = Array.IndexOf(Sites, site);
        return at >= 0
            ? this with { GammaStar = GammaStar.Select((g, i) => i == at ? gamma : g).ToArray(), DeltaStar = DeltaStar.Select((d, i) => i == at ? delta : d).ToArray(), SiteCounts = SiteCounts.Select((c, i) => i == at ? n : c).ToArray() }
            : this with { Sites = [.. Sites, site], SiteCounts = [.. SiteCounts, n], GammaStar = [.. GammaStar, gamma], DeltaStar = [.. DeltaStar, delta] };
    }

    /// <summary>Whether subjects of <paramref name="site"/> can be harmonised.</summary>
    public bool Knows(string site) => Sites.Contains(site, StringComparer.Ordinal);

    /// <summary>The harmonised features of one subject.</summary>
    /// <exception cref="UnseenSiteException">The model was not fitted on (or adapted to) <paramref name="site"/>.</exception>
    public double[] Adjust(ReadOnlySpan<double> values, string site, double age, bool male)
    {
        int at = Array.IndexOf(Sites, site);
        if (at < 0) throw new UnseenSiteException(site, Sites);
        var adjusted = new double[values.Length];
        for (int g = 0; g < values.Length; g++)
        {
            double mean = GrandMean[g] + AgeEffect[g] * age + (male ? MaleEffect[g] : 0);
            double sigma = Math.Sqrt(PooledVariance[g]);
            double s = (values[g] - mean) / sigma;
            adjusted[g] = sigma * (s - GammaStar[at][g]) / Math.Sqrt(DeltaStar[at][g]) + mean;
        }
        return adjusted;
    }

    private double[,] Standardise(double[,] values, IReadOnlyList<double> age, IReadOnlyList<bool> male)
    {
        int n = values.GetLength(0), p = values.GetLength(1);
        if (p != GrandMean.Length) throw new ArgumentException($"Expected {GrandMean.Length} features; got {p}.");
        var s = new double[n, p];
        for (int r = 0; r < n; r++)
            for (int g = 0; g < p; g++)
                s[r, g] = (values[r, g] - GrandMean[g] - AgeEffect[g] * age[r] - (male[r] ? MaleEffect[g] : 0)) / Math.Sqrt(PooledVariance[g]);
        return s;
    }

    /// <summary>gamma* and delta*^2 of one site from its standardised rows (Johnson 2007, parametric priors).</summary>
    private static (double[] Gamma, double[] Delta) EmpiricalBayes(double[,] s, int[] rows)
    {
        int p = s.GetLength(1), n = rows.Length;
        var gammaHat = new double[p];
        var deltaHat = new double[p];
        for (int g = 0; g < p; g++)
        {
            double mean = rows.Average(r => s[r, g]);
            gammaHat[g] = mean;
            deltaHat[g] = rows.Sum(r => (s[r, g] - mean) * (s[r, g] - mean)) / (n - 1);
        }
        double gammaBar = gammaHat.Average();
        double tau2 = gammaHat.Sum(x => (x - gammaBar) * (x - gammaBar)) / (p - 1);
        double m = deltaHat.Average();
        double s2 = deltaHat.Sum(x => (x - m) * (x - m)) / (p - 1);
        double a = (2 * s2 + m * m) / s2;
        double b = (m * s2 + m * m * m) / s2;
        if (p < 2 || !double.IsFinite(a) || !double.IsFinite(b) || !(tau2 > 0))
            throw new ArgumentException($"The empirical-Bayes priors need at least 2 features with varying site effects; got {p} feature(s).");

        var gammaOld = (double[])gammaHat.Clone();
        var deltaOld = (double[])deltaHat.Clone();
        for (int iteration = 0; iteration < 10_000; iteration++)
        {
            var gammaNew = new double[p];
            var deltaNew = new double[p];
            double change = 0;
            for (int g = 0; g < p; g++)
            {
                gammaNew[g] = (tau2 * n * gammaHat[g] + deltaOld[g] * gammaBar) / (tau2 * n + deltaOld[g]);
                double sum2 = rows.Sum(r => (s[r, g] - gammaNew[g]) * (s[r, g] - gammaNew[g]));
                deltaNew[g] = (0.5 * sum2 + b) / (n / 2.0 + a - 1);
                // neuroComBat's stopping rule: the largest relative change of either estimate.
                change = Math.Max(change, Math.Max(Math.Abs(gammaNew[g] - gammaOld[g]) / Math.Abs(gammaOld[g]), Math.Abs(deltaNew[g] - deltaOld[g]) / deltaOld[g]));
            }
            gammaOld = gammaNew;
            deltaOld = deltaNew;
            if (change < 1e-4) return (gammaNew, deltaNew);
        }
        throw new InvalidOperationException("ComBat's empirical-Bayes iteration did not converge in 10000 steps.");
    }
}
