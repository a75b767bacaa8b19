using Normative.Plots.Building;

namespace Normative.Plots;

/// <summary>
/// The aggregator lesson: the 2-D densities of unimodal Gaussian experts next to their PoE, MoE,
/// MoPoE and AVG aggregates, on shared axes, so one sees why PoE is dominated by the sharpest
/// expert and why MoE is never sharper than its parts.
/// </summary>
/// <remarks>
/// PoE: product of the experts (and, by default, the N(0, I) prior expert), Wu &amp; Goodman 2018,
/// "Multimodal Generative Models for Scalable Weakly-Supervised Learning", arXiv:1802.05335.
/// MoE: uniform mixture of the experts, Shi et al. 2019, arXiv:1911.03393.
/// MoPoE: uniform mixture of the PoE of every non-empty subset of experts, Sutter et al. 2021,
/// arXiv:2105.02470 (the prior expert joins every subset product when included).
/// AVG: mean of means and mean of standard deviations, Sutter et al., mmvm-vae App. B.
/// </remarks>
public static class AggregatorLessonFigure
{
    private const int Columns = 3;

    /// <summary>Builds the lesson figure: one panel per expert, then PoE, MoE, MoPoE and AVG.</summary>
    /// <param name="experts">The unimodal posteriors. Range: 1 to 6 experts.</param>
    /// <param name="includePriorExpert">Multiply the N(0, I) prior expert into PoE and MoPoE's subset products, as the package's PoE does.</param>
    /// <param name="gridPoints">Density grid points per axis. Range: 21 to 401.</param>
    /// <param name="renderer">PNG renderer; default <see cref="PngRenderer.Shared"/>.</param>
    public static FigureBundle Build(
        IReadOnlyList<GaussianExpert> experts,
        bool includePriorExpert = true,
        int gridPoints = 61,
        PngRenderer? renderer = null)
    {
        InputChecks.RequireAny(experts, "The expert list", nameof(experts));
        if (experts.Count > 6)
            throw new ArgumentException($"The lesson shows at most 6 experts (MoPoE has 2^M - 1 components); got {experts.Count}.", nameof(experts));
        if (gridPoints is < 21 or > 401)
            throw new ArgumentOutOfRangeException(nameof(gridPoints), gridPoints, "Expected 21 to 401 grid points per axis.");
        DiagonalGaussian2D[] gaussians = experts.Select(ToGaussian).ToArray();

        var panels = new List<(string Title, Func<double, double, double> Density)>();
        for (int m = 0; m < gaussians.Length; m++)
            panels.Add(($"Expert {m + 1} ({experts[m].Name})<br>{Describe(gaussians[m])}", gaussians[m].Density));

        DiagonalGaussian2D poe = DiagonalGaussian2D.Product(WithPrior(gaussians, includePriorExpert));
        panels.Add(($"PoE{(includePriorExpert ? " (with prior expert)" : string.Empty)}<br>{Describe(poe)}", poe.Density));
        panels.Add(($"MoE<br>uniform mixture of the {gaussians.Length} experts", Mixture(gaussians)));
        DiagonalGaussian2D[] subsetProducts = NonEmptySubsets(gaussians.Length)
            .Select(subset => DiagonalGaussian2D.Product(WithPrior(subset.Select(m => gaussians[m]).ToArray(), includePriorExpert)))
            .ToArray();
        panels.Add(($"MoPoE<br>uniform mixture of {subsetProducts.Length} subset PoEs", Mixture(subsetProducts)));
        DiagonalGaussian2D average = DiagonalGaussian2D.Average(gaussians);
        panels.Add(($"AVG<br>{Describe(average)}", average.Density));

        (double[] xs, double[] ys) = Grid(gaussians, includePriorExpert, gridPoints);
        // Two-line panel titles need a wider gap between rows than the default.
        var grid = PanelGrid.ForPanels(panels.Count, Columns, verticalGap: 0.2);
        var figure = new PlotlyFigure(
            $"Aggregating {experts.Count} unimodal posteriors: PoE, MoE, MoPoE and AVG",
            width: 1050, height: 360 * grid.Rows + 110, showLegend: true);
        figure.Layout["margin"] = Attributes.Of(("l", 70), ("r", 30), ("t", 120), ("b", 70));
        for (int p = 0; p < panels.Count; p++)
        {
            figure.AddTrace("contour",
                ("x", xs), ("y", ys), ("z", Evaluate(panels[p].Density, xs, ys)),
                ("xaxis", PanelGrid.XRef(p)), ("yaxis", PanelGrid.YRef(p)),
                ("colorscale", FigureStyle.SequentialScale), ("showscale", false), ("ncontours", 14),
                ("contours", Attributes.Of(("coloring", "heatmap"))),
                ("line", Attributes.Of(("width", 0.5), ("color", "rgba(255,255,255,0.6)"))),
                ("hovertemplate", "z₁ = %{x:.2f}<br>z₂ = %{y:.2f}<br>density = %{z:.3g}<extra></extra>"),
                ("showlegend", false));
            figure.AddTrace("scatter",
                ("x", gaussians.Select(g => g.Mu1).ToArray()), ("y", gaussians.Select(g => g.Mu2).ToArray()),
                ("text", experts.Select(e => e.Name).ToArray()), ("mode", "markers"),
                ("name", "expert means"), ("legendgroup", "means"), ("showlegend", figure.FirstInLegend("means")),
                ("marker", Attributes.Of(("symbol", "x-thin"), ("size", 10), ("line", Attributes.Of(("width", 2), ("color", FigureStyle.PatientColor))))),
                ("hovertemplate", "%{text} mean<extra></extra>"),
                ("xaxis", PanelGrid.XRef(p)), ("yaxis", PanelGrid.YRef(p)));
            grid.SetAxes(figure.Layout, p,
                FigureStyle.Axis("z₁", ("range", new[] { xs[0], xs[^1] })),
                FigureStyle.Axis("z₂", ("range", new[] { ys[0], ys[^1] })));
            figure.AddAnnotation(grid.Title(p, panels[p].Title));
        }
        return figure.ToBundle(renderer);
    }

    private static DiagonalGaussian2D ToGaussian(GaussianExpert expert, int index)
    {
        if (expert is null)
            throw new ArgumentException($"Expert {index + 1} is null.", "experts");
        if (!double.IsFinite(expert.Mu1) || !double.IsFinite(expert.Mu2))
            throw new ArgumentException($"Expert {index + 1} ('{expert.Name}') has a non-finite mean ({expert.Mu1}, {expert.Mu2}).", "experts");
        if (!(expert.Var1 > 0) || !(expert.Var2 > 0) || !double.IsFinite(expert.Var1) || !double.IsFinite(expert.Var2))
            throw new ArgumentException($"Expert {index + 1} ('{expert.Name}') has variances ({expert.Var1}, {expert.Var2}); expected finite values > 0.", "experts");
        return new DiagonalGaussian2D(expert.Mu1, expert.Mu2, expert.Var1, expert.Var2);
    }

    private static DiagonalGaussian2D[] WithPrior(IReadOnlyList<DiagonalGaussian2D> experts, bool includePrior) =>
        includePrior ? [.. experts, DiagonalGaussian2D.StandardNormal] : [.. experts];

    /// <summary>Uniform mixture density (1/K) Σ_k p_k(x, y).</summary>
    private static Func<double, double, double> Mixture(IReadOnlyList<DiagonalGaussian2D> components) =>
        (x, y) => components.Sum(c => c.Density(x, y)) / components.Count;

    /// <summary>The non-empty subsets of {0, ..., M-1}, by bit mask.</summary>
    private static IEnumerable<int[]> NonEmptySubsets(int m) =>
        Enumerable.Range(1, (1 << m) - 1).Select(mask => Enumerable.Range(0, m).Where(i => (mask & (1 << i)) != 0).ToArray());

    /// <summary>A square window covering every expert (and the prior, if used) to ±3.5 sd, the same in every panel.</summary>
    private static (double[] Xs, double[] Ys) Grid(IReadOnlyList<DiagonalGaussian2D> experts, bool includePrior, int points)
    {
        DiagonalGaussian2D[] all = WithPrior(experts, includePrior);
        double low1 = all.Min(g => g.Mu1 - 3.5 * g.Sd1), high1 = all.Max(g => g.Mu1 + 3.5 * g.Sd1);
        double low2 = all.Min(g => g.Mu2 - 3.5 * g.Sd2), high2 = all.Max(g => g.Mu2 + 3.5 * g.Sd2);
        double half = Math.Max(high1 - low1, high2 - low2) / 2;
        double centre1 = (low1 + high1) / 2, centre2 = (low2 + high2) / 2;
        return (Linspace(centre1 - half, centre1 + half, points), Linspace(centre2 - half, centre2 + half, points));
    }

    private static double[] Linspace(double start, double end, int points) =>
        Enumerable.Range(0, points).Select(i => Rounding.Significant(start + (end - start) * i / (points - 1), 6)).ToArray();

    /// <summary>
    /// z[j][i] = density(x_i, y_j) (plotly.js takes rows along y), rounded to 3 significant digits
    /// and with values below 1e-4 of the panel's peak set to 0: invisible in any colour scale, and
    /// it keeps the figure's HTML several times smaller.
    /// </summary>
    private static double[][] Evaluate(Func<double, double, double> density, double[] xs, double[] ys)
    {
        double[][] z = ys.Select(y => xs.Select(x => density(x, y)).ToArray()).ToArray();
        double floor = 1e-4 * z.Max(row => row.Max());
        return z.Select(row => row.Select(v => v < floor ? 0 : Rounding.Significant(v, 3)).ToArray()).ToArray();
    }

    private static string Describe(DiagonalGaussian2D g) =>
        $"μ = ({NumberFormat.Value(g.Mu1)}, {NumberFormat.Value(g.Mu2)}), σ = ({NumberFormat.Value(g.Sd1)}, {NumberFormat.Value(g.Sd2)})";
}
