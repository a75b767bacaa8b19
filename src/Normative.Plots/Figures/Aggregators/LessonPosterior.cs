using Normative.Aggregation;
using static TorchSharp.torch;

namespace Normative.Plots;

/// <summary>
/// One posterior of the aggregator lesson, computed by the package itself: the <see cref="GaussianMixture"/> that
/// <see cref="Aggregators.Create"/>'s aggregator returns for one subject whose unimodal experts are the lesson's
/// 2-D Gaussians (or one expert on its own), read back as plain numbers. The figure draws what the models use.
/// </summary>
public sealed class LessonPosterior
{
    private LessonPosterior(double[] weights, double[,] mu, double[,] logVar)
    {
        Weights = weights;
        Mu = mu;
        LogVar = logVar;
    }

    /// <summary>Mixture weights w_k (one entry for PoE and AVG).</summary>
    public double[] Weights { get; }

    /// <summary>Component means [K, 2].</summary>
    public double[,] Mu { get; }

    /// <summary>Component log-variances [K, 2].</summary>
    public double[,] LogVar { get; }

    /// <summary>Number of mixture components K.</summary>
    public int Components => Weights.Length;

    /// <summary>The package's aggregate of <paramref name="experts"/> under <paramref name="kind"/> (every expert observed).</summary>
    /// <param name="mixturePriorExpert">MoPoE only: the standard-normal prior expert in every subset product (package default: no).</param>
    public static LessonPosterior Aggregate(IReadOnlyList<GaussianExpert> experts, AggregatorKind kind, bool mixturePriorExpert = false)
    {
        using var scope = NewDisposeScope();
        int m = experts.Count;
        var mu = tensor(experts.SelectMany(e => new[] { e.Mu1, e.Mu2 }).ToArray(), [m, 1, 2], ScalarType.Float64);
        var logVar = tensor(experts.SelectMany(e => new[] { Math.Log(e.Var1), Math.Log(e.Var2) }).ToArray(), [m, 1, 2], ScalarType.Float64);
        var observed = ones(1, m, ScalarType.Bool);
        var mixture = Aggregators.Create(kind, mixturePriorExpert).Aggregate(mu, logVar, observed);
        return FromMixture(mixture);
    }

    /// <summary>One expert on its own: q_m(z | x_m).</summary>
    public static LessonPosterior Expert(GaussianExpert expert)
    {
        using var scope = NewDisposeScope();
        var mu = tensor(new[] { expert.Mu1, expert.Mu2 }, [1, 2], ScalarType.Float64);
        var logVar = tensor(new[] { Math.Log(expert.Var1), Math.Log(expert.Var2) }, [1, 2], ScalarType.Float64);
        return FromMixture(GaussianMixture.Single(mu, logVar));
    }

    /// <summary>Mean of component <paramref name="k"/>, coordinate <paramref name="axis"/> (0 or 1).</summary>
    public double Mean(int k, int axis) => Mu[k, axis];

    /// <summary>Standard deviation of component <paramref name="k"/>, coordinate <paramref name="axis"/>.</summary>
    public double Sd(int k, int axis) => Math.Exp(0.5 * LogVar[k, axis]);

    /// <summary>
    /// q(z) on the grid <paramref name="xs"/> x <paramref name="ys"/> by the package's <see cref="GaussianMixture.LogDensity"/>;
    /// result[j][i] = q(xs[i], ys[j]) (plotly.js takes rows along y).
    /// </summary>
    public double[][] Density(double[] xs, double[] ys)
    {
        using var scope = NewDisposeScope();
        var points = ys.SelectMany(y => xs.SelectMany(x => new[] { x, y })).ToArray();
        var z = tensor(points, [points.Length / 2, 1, 2], ScalarType.Float64);
        var mixture = new GaussianMixture(
            tensor(Weights, [1, Components], ScalarType.Float64),
            tensor(Flatten(Mu), [Components, 1, 2], ScalarType.Float64),
            tensor(Flatten(LogVar), [Components, 1, 2], ScalarType.Float64));
        var density = mixture.LogDensity(z).exp().squeeze(1).data<double>().ToArray();
        return Enumerable.Range(0, ys.Length).Select(j => density.AsSpan(j * xs.Length, xs.Length).ToArray()).ToArray();
    }

    private static LessonPosterior FromMixture(GaussianMixture mixture)
    {
        int k = mixture.ComponentCount;
        var weights = mixture.Weights.to_type(ScalarType.Float64).data<double>().ToArray();
        var mu = mixture.Mu.to_type(ScalarType.Float64).data<double>().ToArray();
        var logVar = mixture.LogVar.to_type(ScalarType.Float64).data<double>().ToArray();
        var muArray = new double[k, 2];
        var logVarArray = new double[k, 2];
        for (int c = 0; c < k; c++)
            for (int a = 0; a < 2; a++)
            {
                muArray[c, a] = mu[c * 2 + a];
                logVarArray[c, a] = logVar[c * 2 + a];
            }
        return new LessonPosterior(weights, muArray, logVarArray);
    }

    private static double[] Flatten(double[,] values) => values.Cast<double>().ToArray();
}
