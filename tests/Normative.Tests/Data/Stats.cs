namespace Normative.Tests.Data;

/// <summary>Small statistics used by the data tests (textbook formulas).</summary>
internal static class Stats
{
    public static double Mean(IReadOnlyList<double> x) => x.Average();

    /// <summary>Sample SD (ddof = 1).</summary>
    public static double Sd(IReadOnlyList<double> x)
    {
        double m = Mean(x);
        return Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / (x.Count - 1));
    }

    /// <summary>Cohen's d of <paramref name="group"/> against <paramref name="reference"/> with the pooled SD (ddof = 1).</summary>
    public static double CohensD(IReadOnlyList<double> group, IReadOnlyList<double> reference)
    {
        double n1 = group.Count, n2 = reference.Count;
        double pooled = Math.Sqrt(((n1 - 1) * Math.Pow(Sd(group), 2) + (n2 - 1) * Math.Pow(Sd(reference), 2)) / (n1 + n2 - 2));
        return (Mean(group) - Mean(reference)) / pooled;
    }

    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double mx = Mean(x), my = Mean(y), sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Ordinary least-squares slope of y on x.</summary>
    public static double Slope(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double mx = Mean(x), my = Mean(y), sxy = 0, sxx = 0;
        for (int i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }
}
