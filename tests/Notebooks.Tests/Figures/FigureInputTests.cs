using Normative.Plots;

namespace Notebooks.Tests.Figures;

/// <summary>The numbers and orderings figures show, checked without a browser.</summary>
public sealed class FigureInputTests
{
    [Theory]
    // mean and sample sd by hand: [7, 8, 9] -> 8 ± 1; [2, 4] -> 3 ± √2 = 1.414
    [InlineData(new[] { 7.0, 8.0, 9.0 }, 8.0, 1.0, "8.00 ± 1.00")]
    [InlineData(new[] { 7.21 }, 7.21, double.NaN, "7.21")]
    [InlineData(new[] { double.PositiveInfinity, 1.0, 2.0 }, double.PositiveInfinity, double.NaN, "∞ (1/3 seeds)")]
    [InlineData(new[] { double.PositiveInfinity, double.PositiveInfinity }, double.PositiveInfinity, double.NaN, "∞")]
    [InlineData(new[] { double.NaN, 2.0, 4.0 }, 3.0, 1.4142135623730951, "3.00 ± 1.41 [1 undefined]")]
    public void Seed_spread_summarises_seeds_without_dropping_any(double[] seeds, double mean, double sd, string text)
    {
        SeedSpread spread = SeedSpread.Of(new LikelihoodRatioSeedValues("m", 5, seeds));
        Assert.Equal(mean, spread.Mean, 12);
        Assert.Equal(sd, spread.StandardDeviation, 12);
        Assert.Equal(text, spread.Format());
        Assert.Equal(seeds.Length, spread.Seeds);
    }

    [Fact]
    public void A_series_missing_from_the_first_panel_is_still_in_the_legend_and_no_series_twice()
    {
        RegionLabel[] regions = [new("lh_precuneus", "parietal"), new("Left-Hippocampus", "subcortical")];
        RegionalErrors[] series =
        [
            new("mmSIVAE (MoPoE)", "mri", [0.5, 0.6]), new("mmSIVAE (MoPoE)", "amyloid", [0.4, 0.3]),
            new("SIVAE (Amyloid)", "amyloid", [0.45, 0.35]),
        ];
        var figure = ControlReconstructionFigure.Build(regions, series, renderer: null);

        var listed = System.Text.Json.Nodes.JsonNode.Parse(figure.FigureJson)!["data"]!.AsArray()
            .Where(t => t!["showlegend"]?.GetValue<bool>() == true).Select(t => t!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["mmSIVAE (MoPoE)", "SIVAE (Amyloid)"], listed);
    }

    [Fact]
    public void Negative_likelihood_ratio_names_method_size_and_seed()
    {
        var error = Assert.Throws<ArgumentException>(() => SeedSpread.Of(new LikelihoodRatioSeedValues("JMVAE", 10, [1.0, -2.0])));
        Assert.Contains("'JMVAE' at d = 10, seed 2", error.Message);
    }

    [Fact]
    public void Likelihood_ratio_table_has_every_method_and_size_with_infinity_and_best_in_bold()
    {
        LikelihoodRatioSeedValues[] latent =
        [
            new("mmSIVAE MoPoE", 5, [7.0, 8.0, 9.0]), new("mmSIVAE MoPoE", 10, [double.PositiveInfinity, 3.0, 3.0]),
            new("mmVAE PoE", 5, [6.0, 6.0, 6.0]), new("mmVAE PoE", 10, [4.0, 5.0, 6.0]),
        ];
        LikelihoodRatioSeedValues[] feature = [new("mmSIVAE MoPoE", 5, [2.0, 2.5, 3.0]), new("mmVAE PoE", 5, [1.0, 2.0, 3.0])];

        TableBundle table = LikelihoodRatioTableView.Build(latent, feature);

        string[] lines = table.Text.TrimEnd().Split('\n');
        Assert.Equal("| Method | A. D_ml d = 5 | A. D_ml d = 10 | B. D_mf d = 5 |", lines[0]);
        Assert.Equal("| mmSIVAE MoPoE | **8.00 ± 1.00** | **∞ (1/3 seeds)** | **2.50 ± 0.50** |", lines[2]);
        Assert.Equal("| mmVAE PoE | 6.00 ± 0.00 | 5.00 ± 1.00 | 2.00 ± 1.00 |", lines[3]);
        Assert.Contains("<b>∞ (1/3 seeds)</b>", table.Html);
        Assert.Contains("D<sub>ml</sub>", table.Html);
        Assert.Equal(new[] { "text/html", "text/plain" }, table.ToMimeBundle().Keys.Order());
    }

    [Fact]
    public void Likelihood_ratio_table_rejects_a_duplicate_cell()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            LikelihoodRatioTableView.Build([new("VAE", 5, [1.0]), new("VAE", 5, [2.0])], []));
        Assert.Contains("two cells for 'VAE' at d = 5", error.Message);
    }

    [Fact]
    public void Regions_are_grouped_by_lobe_keeping_input_order_within_a_lobe()
    {
        IReadOnlyList<LobeGroup> groups = RegionOrder.ByLobe(FigureSamples.Regions);

        Assert.Equal(["frontal", "cingulate", "parietal", "temporal", "occipital", "insula", "subcortical"], groups.Select(g => g.Lobe));
        Assert.Equal(
            ["lh_superiorfrontal", "lh_precentral", "rh_superiorfrontal", "lh_posteriorcingulate", "lh_precuneus",
             "lh_entorhinal", "rh_entorhinal", "lh_middletemporal", "lh_lingual", "lh_insula", "Left-Hippocampus", "Right-Hippocampus"],
            RegionOrder.Permutation(groups).Select(i => FigureSamples.Regions[i].Name));
    }

    [Fact]
    public void Unknown_lobes_follow_the_known_ones_in_order_of_appearance()
    {
        RegionLabel[] regions = [new("b", "cerebellum"), new("a", "frontal"), new("c", "white matter"), new("d", "cerebellum")];
        Assert.Equal(["frontal", "cerebellum", "white matter"], RegionOrder.ByLobe(regions).Select(g => g.Lobe));
    }

    [Theory]
    // The package's PoE includes the N(0, 1) prior expert. N(1, 0.5) x N(3, 0.5) x N(0, 1): precision 2 + 2 + 1 = 5,
    // mean (1·2 + 3·2 + 0·1) / 5 = 1.6, variance 0.2 (by hand).
    [InlineData(1.0, 0.5, 3.0, 0.5, 1.6, 0.2)]
    // Sharp expert dominates: N(0, 0.01) x N(10, 1) x N(0, 1): precision 102, mean 10/102.
    [InlineData(0.0, 0.01, 10.0, 1.0, 0.098039215686274508, 0.0098039215686274508)]
    public void The_lesson_poe_is_the_packages_poe_with_the_prior_expert(double mu1, double var1, double mu2, double var2, double mean, double variance)
    {
        var product = Normative.Plots.LessonPosterior.Aggregate([new("a", mu1, mu1, var1, var1), new("b", mu2, mu2, var2, var2)], Normative.Aggregation.AggregatorKind.PoE);
        Assert.Equal(1, product.Components);
        Assert.Equal(mean, product.Mean(0, 0), 10);
        Assert.Equal(variance, Math.Exp(product.LogVar[0, 1]), 10);
    }

    [Fact]
    public void The_lesson_mopoe_singletons_are_the_experts_and_avg_averages_standard_deviations()
    {
        GaussianExpert[] experts = [new("a", 0, 0, 0.04, 1), new("b", 2, 4, 1, 1)];
        // MoPoE without the prior expert (the package default): components {a}, {b}, {a, b}; the singletons are the experts.
        var mopoe = Normative.Plots.LessonPosterior.Aggregate(experts, Normative.Aggregation.AggregatorKind.MoPoE);
        Assert.Equal(3, mopoe.Components);
        Assert.All(mopoe.Weights, w => Assert.Equal(1 / 3.0, w, 12));
        Assert.Equal(0.2, mopoe.Sd(0, 0), 10);
        Assert.Equal(2, mopoe.Mean(1, 0), 10);
        // AVG of sd 0.2 and sd 1.0 is sd 0.6 (variance 0.36), not the mean of variances (0.52).
        var average = Normative.Plots.LessonPosterior.Aggregate(experts, Normative.Aggregation.AggregatorKind.Avg);
        Assert.Equal((1.0, 2.0, 0.6), (Math.Round(average.Mean(0, 0), 10), Math.Round(average.Mean(0, 1), 10), Math.Round(average.Sd(0, 0), 10)));
        // A standard normal expert's density at its mean: 1 / (2π).
        var standard = Normative.Plots.LessonPosterior.Expert(new("n", 0, 0, 1, 1));
        Assert.Equal(1 / (2 * Math.PI), standard.Density([0.0], [0.0])[0][0], 12);
    }

    [Theory]
    [InlineData(0.5, "0.500")]
    [InlineData(0.001, "0.001")]
    [InlineData(3.2e-12, "3.2e-12")]
    [InlineData(0.0, "< 1e-300")]
    public void P_values_switch_to_scientific_notation_below_a_thousandth(double p, string text) =>
        Assert.Equal(text, NumberFormat.PValue(p));

    [Fact]
    public void Non_finite_regional_error_names_model_modality_and_region()
    {
        double[] errors = FigureSamples.Regions.Select(_ => 1.0).ToArray();
        errors[3] = double.NaN;
        var error = Assert.Throws<ArgumentException>(() =>
            ControlReconstructionFigure.Build(FigureSamples.Regions, [new RegionalErrors("VAE", "MRI", errors)]));
        Assert.Contains("'VAE' on 'MRI': value 4 ('lh_precuneus') is NaN", error.Message);
    }

    [Fact]
    public void Significant_region_without_an_effect_size_is_an_error()
    {
        double[] d = FigureSamples.Regions.Select(_ => 0.5).ToArray();
        d[0] = double.NaN;
        bool[] significant = FigureSamples.Regions.Select(_ => true).ToArray();
        var error = Assert.Throws<ArgumentException>(() =>
            RegionalEffectMapFigure.Build(FigureSamples.Regions, [new GroupRegionalEffect("MRI", "CDR 0.5", d, significant)]));
        Assert.Contains("region 1 ('lh_entorhinal') is marked significant but its effect is NaN", error.Message);
    }

    [Theory]
    [InlineData(123456.789, 4, 123500.0)]
    [InlineData(0.000123456, 3, 0.000123)]
    [InlineData(-2.71828, 2, -2.7)]
    [InlineData(0.0, 3, 0.0)]
    public void Rounding_keeps_significant_digits(double value, int digits, double expected) =>
        Assert.Equal(expected, Normative.Plots.Building.Rounding.Significant(value, digits), 12);
}
