using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace Normative.Tests.Deviation;

/// <summary>Small seeded inputs shared by the deviation tests.</summary>
internal static class Fixtures
{
    /// <summary>n x p standard-normal draws (MersenneTwister, seeded).</summary>
    public static double[,] Gaussian(int n, int p, int seed, double mean = 0, double sd = 1)
    {
        var random = new MersenneTwister(seed);
        var x = new double[n, p];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++) x[i, j] = Normal.Sample(random, mean, sd);
        return x;
    }

    /// <summary>Appends a column equal to the sum of the first two (a rank-deficient design).</summary>
    public static double[,] WithDependentColumn(double[,] x)
    {
        var y = new double[x.GetLength(0), 3];
        for (int i = 0; i < x.GetLength(0); i++)
        {
            y[i, 0] = x[i, 0];
            y[i, 1] = x[i, 1];
            y[i, 2] = x[i, 0] + x[i, 1];
        }
        return y;
    }

    public static double[] ColumnMeans(double[,] x) =>
        Enumerable.Range(0, x.GetLength(1)).Select(j => Enumerable.Range(0, x.GetLength(0)).Average(i => x[i, j])).ToArray();
}
