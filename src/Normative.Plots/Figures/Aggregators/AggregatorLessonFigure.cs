using Normative.Aggregation;
using Normative.Plots.Building;

namespace Normative.Plots;

/// <summary>
/// The aggregator lesson: the 2-D densities of unimodal Gaussian experts next to their PoE, MoE,
/// MoPoE and AVG aggregates, on shared axes, so one sees why PoE is dominated by the sharpest
/// expert and why MoE is never sharper than its parts. Every aggregate is computed by the package's own
/// aggregators (<see cref="Normative.Aggregation.Aggregators.Create"/>) on a one-subject batch of 2-D experts,
/// and every density by its <see cref="Normative.Aggregation.GaussianMixture.LogDensity"/>: the picture is the code.
/// </summary>
/// <remarks>
/// PoE: product of the experts and the N(0, I) prior expert (the package's PoE), Wu &amp; Goodman 2018,
/// "Multimodal Generative Models for Scalable Weakly-Supervised Learning", arXiv:1802.05335.
/// MoE: uniform mixture of the experts, Shi et al. 2019, arXiv:1911.03393.
/// MoPoE: uniform mixture of the PoE of every non-empty subset of experts, Sutter et al. 2021,
/// arXiv:2105.02470; by default without the prior expert in the subset products, as the package's MoPoE.
/// AVG: mean of means and mean of standard deviations, Sutter et al., mmvm-vae App. B.
/// </remarks>
public static class AggregatorLessonFigure
{
    private const int Columns = 3;

    /// <summary>Builds the lesson figure: one panel per expert, then PoE, MoE, MoPoE and AVG.</summary>
    /// <param name="experts">The unimodal posteriors. Range: 1 to 6 experts.</param>
    /// <param name="mixturePriorExpert">MoPoE only: multiply the N(0, I) prior expert into every subset product
    /// (<see cref="Normative.Aggregation.Aggregators.Create"/>'s option; the package default is false).</param>
    /// <param name="gridPoints">Density grid points per axis. Range: 21 to 401.</param>
    /// <param name="renderer">PNG renderer; default <see cref="PngRenderer.Shared"/>.</param>
    public static FigureBundle Build(
        IReadOnlyList<GaussianExpert> experts,
        bool mixturePriorExpert = false,
        int gridPoints = 61,
        PngRenderer? renderer = null)
    {
        InputChecks.RequireAny(experts, "The expert list", nameof(experts));
        if (experts.Count > 6)
            throw new ArgumentException($"The lesson shows at most 6 experts (MoPoE has 2^M - 1 components); got {experts.Count}.", nameof(experts));
        if (gridPoints is < 21 or > 401)
            throw new ArgumentOutOfRangeException(nameof(gridPoints), gridPoints, "Expected 21 to 401 grid points per axis.");
        for (int m = 0; m < experts.Count; m++) Check(experts[m], m);

        var panels = new List<(string Title, LessonPosterior Posterior)>();
        for (int m = 0; m < experts.Count; m++)
        {
            var expert = LessonPosterior.Expert(experts[m]);
            panels.Add(($"Expert {m + 1} ({experts[m].Name})<br>{Describe(expert)}", expert));
        }
        var poe = LessonPosterior.Aggregate(experts, AggregatorKind.PoE);
        panels.Add(($"PoE (with the prior expert)<br>{Describe(poe)}", poe));
        var moe = LessonPosterior.Aggregate(experts, AggregatorKind.MoE);
        panels.Add(($"MoE<br>uniform mixture of the {moe.Components} experts", moe));
        var mopoe = LessonPosterior.Aggregate(experts, AggregatorKind.MoPoE, mixturePriorExpert);
        panels.Add(($"MoPoE<br>uniform mixture of {mopoe.Components} subset PoEs{(mixturePriorExpert ? " (prior expert in each)" : "")}", mopoe));
        var average = LessonPosterior.Aggregate(experts, AggregatorKind.Avg);
        panels.Add(($"AVG<br>{Describe(average)}", average));

        (double[] xs, double[] ys) = Grid(panels.Select(p => p.Posterior).ToArray(), gridPoints);
        // Two-line panel titles need a wider gap between rows than the default.
        var grid = PanelGrid.ForPanels(panels.Count, Columns, verticalGap: 0.2);
        var figure = new PlotlyFigure(
            $"Aggregating {experts.Count} unimodal posteriors: PoE, MoE, MoPoE and AVG",
            width: 1050, height: 360 * grid.Rows + 110, showLegend: true);
        figure.Layout["margin"] = Attributes.Of(("l", 70), ("r", 30), ("t", 120), ("b", 70));
        for (int p = 0; p < panels.Count; p++)
        {
            figure.AddTrace("contour",
                ("x", xs), ("y", ys), ("z", Rounded(panels[p].Posterior.Density(xs, ys))),
                ("xaxis", PanelGrid.XRef(p)), ("yaxis", PanelGrid.YRef(p)),
                ("colorscale", FigureStyle.SequentialScale), ("showscale", false), ("ncontours", 14),
                ("contours", Attributes.Of(("coloring", "heatmap"))),
                ("line", Attributes.Of(("width", 0.5), ("color", "rgba(255,255,255,0.6)"))),
                ("hovertemplate", "z₁ = %{x:.2f}<br>z₂ = %{y:.2f}<br>density = %{z:.3g}<extra></extra>"),
                ("showlegend", false));
            figure.AddTrace("scatter",
                ("x", experts.Select(e => e.Mu1).ToArray()), ("y", experts.Select(e => e.Mu2).ToArray()),
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

    private static void Check(GaussianExpert expert, int index)
    {
        if (expert is null)
            throw new ArgumentException($"Expert {index + 1} is null.", "experts");
        if (!double.IsFinite(expert.Mu1) || !double.IsFinite(expert.Mu2))
            throw new ArgumentException($"Expert {index + 1} ('{expert.Name}') has a non-finite mean ({expert.Mu1}, {expert.Mu2}).", "experts");
        if (!(expert.Var1 > 0) || !(expert.Var2 > 0) || !double.IsFinite(expert.Var1) || !double.IsFinite(expert.Var2))
            throw new ArgumentException($"Expert {index + 1} ('{expert.Name}') has variances ({expert.Var1}, {expert.Var2}); expected finite values > 0.", "experts");
    }

    /// <summary>A square window covering every component of every panel to ±3.5 sd, the same in every panel.</summary>
    private static (double[] Xs, double[] Ys) Grid(IReadOnlyList<LessonPosterior> posteriors, int points)
    {
        var components = posteriors.SelectMany(p => Enumerable.Range(0, p.Components).Select(k => (p, k))).ToArray();
        double low1 = components.Min(c => c.p.Mean(c.k, 0) - 3.5 * c.p.Sd(c.k, 0)), high1 = components.Max(c => c.p.Mean(c.k, 0) + 3.5 * c.p.Sd(c.k, 0));
        double low2 = components.Min(c => c.p.Mean(c.k, 1) - 3.5 * c.p.Sd(c.k, 1)), high2 = components.Max(c => c.p.Mean(c.k, 1) + 3.5 * c.p.Sd(c.k, 1));
        double half = Math.Max(high1 - low1, high2 - low2) / 2;
        double centre1 = (low1 + high1) / 2, centre2 = (low2 + high2) / 2;
        return (Linspace(centre1 - half, centre1 + half, points), Linspace(centre2 - half, centre2 + half, points));
    }

    private static double[] Linspace(double start, double end, int points) =>
        Enumerable.Range(0, points).Select(i => Rounding.Significant(start + (end - start) * i / (points - 1), 6)).ToArray();

    /// <summary>
    /// Densities rounded to 3 significant digits, values below 1e-4 of the panel's peak set to 0: invisible in
    /// any colour scale, and it keeps the figure's HTML several times smaller.
    /// </summary>
    private static double[][] Rounded(double[][] z)
    {
        double floor = 1e-4 * z.Max(row => row.Max());
        return z.Select(row => row.Select(v => v < floor ? 0 : Rounding.Significant(v, 3)).ToArray()).ToArray();
    }

    private static string Describe(LessonPosterior g) =>
        $"μ = ({NumberFormat.Value(g.Mean(0, 0))}, {NumberFormat.Value(g.Mean(0, 1))}), σ = ({NumberFormat.Value(g.Sd(0, 0))}, {NumberFormat.Value(g.Sd(0, 1))})";
}
