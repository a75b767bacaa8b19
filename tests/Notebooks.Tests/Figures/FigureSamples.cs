using Normative.Plots;

namespace Notebooks.Tests.Figures;

/// <summary>Small, seeded inputs for every figure builder (shapes as the experiments will produce them).</summary>
internal static class FigureSamples
{
    /// <summary>Regions deliberately not in lobe order, with the lobe labels of domain-notes §2.4.</summary>
    public static IReadOnlyList<RegionLabel> Regions { get; } =
    [
        new("lh_entorhinal", "temporal (MTL)"),
        new("lh_superiorfrontal", "frontal"),
        new("Left-Hippocampus", "subcortical GM"),
        new("lh_precuneus", "parietal"),
        new("lh_precentral", "frontal (sensorimotor)"),
        new("rh_entorhinal", "temporal (MTL)"),
        new("lh_lingual", "occipital"),
        new("lh_posteriorcingulate", "cingulate"),
        new("lh_insula", "insula"),
        new("Right-Hippocampus", "subcortical GM"),
        new("lh_middletemporal", "temporal"),
        new("rh_superiorfrontal", "frontal"),
    ];

    public static readonly string[] Modalities = ["MRI", "Amyloid"];
    public static readonly string[] Models = ["mmSIVAE", "SIVAE", "mmVAE", "VAE"];
    public static readonly string[] CdrGroups = ["CDR 0 A+", "CDR 0.5", "CDR ≥ 1"];

    public static FigureBundle Build(string figure, PngRenderer renderer)
    {
        var random = new Random(20240611);
        return figure switch
        {
            "aggregators" => AggregatorLessonFigure.Build(
                [new GaussianExpert("MRI", 1.5, 0.5, 0.09, 1.0), new GaussianExpert("Amyloid", -0.5, 1.0, 0.8, 0.16)], renderer: renderer),
            "reconstruction" => ControlReconstructionFigure.Build(
                Regions,
                [.. from modality in Modalities
                    from model in Models.Select((name, rank) => (name, rank))
                    select new RegionalErrors(model.name, modality,
                        Regions.Select(_ => 0.3 + 0.1 * model.rank + 0.2 * random.NextDouble()).ToArray(),
                        Regions.Select(_ => 0.02 + 0.03 * random.NextDouble()).ToArray())],
                renderer: renderer),
            "likelihood-ratio" => LikelihoodRatioFigure.Build(LikelihoodRatios(random, 5.0), LikelihoodRatios(random, 2.0), renderer),
            "histograms" => DeviationHistogramFigure.Build(
                [.. Models.Select((model, rank) => new DeviationDistributions(model,
                    Normal(random, 48, 10, 3), Normal(random, 300, 20 - 2 * rank, 6), 10 - 2 * rank))],
                renderer: renderer),
            "latent" => LatentDeviationFigure.Build(
                [.. CdrGroups.Select((group, severity) => new LatentGroupDeviation(group,
                    Enumerable.Range(0, 15).Select(d => 0.8 + 0.3 * severity * (d % 4 == 1 ? 3 : 1) + 0.3 * random.NextDouble()).ToArray()))],
                renderer: renderer),
            "regional-map" => RegionalEffectMapFigure.Build(
                Regions,
                [.. from modality in Modalities
                    from g in CdrGroups.Select((name, severity) => (name, severity))
                    let d = Regions.Select(_ => (g.severity + 1) * 0.4 * (random.NextDouble() - 0.2)).ToArray()
                    select new GroupRegionalEffect(modality, g.name, d, d.Select(v => Math.Abs(v) > 0.2).ToArray())],
                renderer),
            "cognition" => Cognition(random, renderer),
            "planted-truth" => PlantedTruthFigure.Build(
                [.. Models.Select((model, rank) => Roc(model, 3.0 - 0.6 * rank))], renderer),
            "stage-distributions" => StageDistributionFigure.Build(
                [.. new[] { ("MRI: Left-Hippocampus", "volume (mm³)", 4000.0, -250.0), ("Amyloid: lh_precuneus", "SUVR", 1.1, 0.15) }
                    .Select(m => new StageValues(m.Item1, m.Item2, ["controls", .. CdrGroups],
                        [.. Enumerable.Range(0, 4).Select(s => (IReadOnlyList<double>)Normal(random, 30, m.Item3 + s * m.Item4, Math.Abs(m.Item4)))]))],
                renderer: renderer),
            _ => throw new ArgumentOutOfRangeException(nameof(figure), figure, "No such sample figure."),
        };
    }

    public static IEnumerable<object[]> Names() =>
        new[] { "aggregators", "reconstruction", "likelihood-ratio", "histograms", "latent", "regional-map", "cognition", "planted-truth", "stage-distributions" }
            .Select(name => new object[] { name });

    public static LikelihoodRatioSeedValues[] LikelihoodRatios(Random random, double scale) =>
        [.. from method in new[] { "mmSIVAE MoPoE", "mmSIVAE PoE", "mmVAE MoPoE" }
            from size in new[] { 5, 10, 15, 20 }
            select new LikelihoodRatioSeedValues(method, size,
                method == "mmSIVAE MoPoE" && size == 15
                    ? [double.PositiveInfinity, scale * 2.1, scale * 1.9]
                    : Enumerable.Range(0, 3).Select(_ => scale * (1 + random.NextDouble())).ToArray())];

    private static FigureBundle Cognition(Random random, PngRenderer renderer)
    {
        var groups = new List<string>();
        var deviation = new List<double>();
        var adas = new List<double>();
        for (int i = 0; i < 120; i++)
        {
            int severity = i % 3;
            double score = 10 + 8 * severity + 4 * NextNormal(random);
            groups.Add(CdrGroups[severity]);
            adas.Add(i % 17 == 0 ? double.NaN : Math.Round(score));
            deviation.Add(12 + 0.8 * score + 3 * NextNormal(random));
        }
        return CognitionScatterFigure.Build(deviation, adas, groups,
            [new CorrelationSummary("Pearson", 0.71, 3.2e-12), new CorrelationSummary("Spearman", 0.69, 0.0004)], renderer: renderer);
    }

    private static RocCurve Roc(string model, double separation)
    {
        // Binormal ROC: TPR = Φ(separation + Φ⁻¹(FPR)); AUROC = Φ(separation / √2).
        double[] fpr = Enumerable.Range(0, 21).Select(i => i / 20.0).ToArray();
        double[] tpr = fpr.Select(f => f is 0 or 1 ? f : MathNet.Numerics.Distributions.Normal.CDF(0, 1, separation + MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, f))).ToArray();
        return new RocCurve(model, fpr, tpr, MathNet.Numerics.Distributions.Normal.CDF(0, 1, separation / Math.Sqrt(2)));
    }

    private static double[] Normal(Random random, int n, double mean, double sd) =>
        Enumerable.Range(0, n).Select(_ => mean + sd * NextNormal(random)).ToArray();

    private static double NextNormal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
