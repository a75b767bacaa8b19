namespace Normative.Data.Synthetic;

/// <summary>
/// Draws from the distributions the generator needs, all from one seeded <see cref="Random"/>, so the
/// same seed gives the same numbers on every platform (System.Random with an explicit seed uses a fixed,
/// documented algorithm).
/// </summary>
internal sealed class SeededSampler(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>Uniform on [0, 1).</summary>
    public double Uniform() => _random.NextDouble();

    /// <summary>Standard normal by the Box-Muller transform (one value per call; no cached state to get out of step).</summary>
    public double Normal()
    {
        double u1 = 1.0 - _random.NextDouble(); // (0, 1]: log(0) is impossible
        double u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public double Normal(double mean, double sd) => mean + sd * Normal();

    /// <summary>Normal truncated to [<paramref name="low"/>, <paramref name="high"/>] by rejection.</summary>
    public double TruncatedNormal(double mean, double sd, double low, double high)
    {
        for (int attempt = 0; attempt < 10_000; attempt++)
        {
            double x = Normal(mean, sd);
            if (x >= low && x <= high) return x;
        }
        // Only reachable when the interval holds almost no mass; its nearer edge is then the honest answer.
        return Math.Clamp(mean, low, high);
    }

    /// <summary>Exponential with the given mean (0 gives 0), by inversion.</summary>
    public double Exponential(double mean)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(mean);
        return mean == 0 ? 0 : -mean * Math.Log(1.0 - _random.NextDouble());
    }

    /// <summary>
    /// Gamma(shape k, scale θ): mean kθ, variance kθ². Marsaglia &amp; Tsang (2000), ACM TOMS 26:363, "A simple method for
    /// generating gamma variables"; for k &lt; 1 the same paper's boost Gamma(k) = Gamma(k + 1) · U^(1/k).
    /// </summary>
    public double Gamma(double shape, double scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shape);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        if (shape < 1)
        {
            double boosted = Gamma(shape + 1, scale);
            return boosted * Math.Pow(1.0 - _random.NextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x = Normal(), v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = 1.0 - _random.NextDouble(); // (0, 1]: log(0) is impossible
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v)) return d * v * scale;
        }
    }

    /// <summary>An index drawn with probabilities <paramref name="weights"/> (summing to 1).</summary>
    public int Categorical(IReadOnlyList<double> weights)
    {
        double u = Uniform(), cumulative = 0;
        for (int k = 0; k < weights.Count; k++)
        {
            cumulative += weights[k];
            if (u < cumulative) return k;
        }
        return weights.Count - 1;
    }

    /// <summary>A uniformly random permutation of 0..n-1 (Fisher-Yates).</summary>
    public int[] Permutation(int n)
    {
        var order = Enumerable.Range(0, n).ToArray();
        for (int i = n - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
