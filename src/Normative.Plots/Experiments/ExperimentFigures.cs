using Normative.Data;
using Normative.Experiments;

namespace Normative.Plots;

/// <summary>
/// The paper's tables and figures drawn from the experiments' typed results: one call per figure, so a
/// notebook cell or the <c>reproduce</c> verb reads "show Table 1", "show Fig 4", not plotting code.
/// </summary>
public static class ExperimentFigures
{
    /// <summary>Table 1 A and B as a formatted table (HTML and Markdown; mean ± sd over seeds, ∞ where a seed had no control outliers).</summary>
    public static TableBundle Table1(LikelihoodRatioTableResult table) =>
        LikelihoodRatioTableView.Build(CellsOf(table, DeviationSpace.Latent), CellsOf(table, DeviationSpace.Feature));

    /// <summary>Table 1 as a chart: LR+ against latent size per method, every seed drawn (panels A: D_ml, B: D_mf).</summary>
    public static FigureBundle Table1Chart(LikelihoodRatioTableResult table, PngRenderer? renderer = null) =>
        LikelihoodRatioFigure.Build(CellsOf(table, DeviationSpace.Latent), CellsOf(table, DeviationSpace.Feature), renderer);

    /// <summary>Fig 3: per-region held-out-control reconstruction error of every method, per modality, at <paramref name="latentDim"/> (default: the largest trained size ≤ 15).</summary>
    public static FigureBundle ControlReconstruction(ControlReconstructionResult result, ExperimentData data, int? latentDim = null, PngRenderer? renderer = null)
    {
        int d = latentDim ?? FigureLatent(result.LatentSizes);
        var modalities = result.Regions.Select(r => r.Modality).Distinct().ToArray();
        var regions = Labels(data.Regions(modalities[0]));
        var series = new List<RegionalErrors>();
        foreach (var method in result.Methods)
            foreach (var modality in modalities)
            {
                var rows = result.Regions.Where(r => r.Method == method && r.LatentDim == d && r.Modality == modality).ToArray();
                if (rows.Length == 0) continue;
                series.Add(new RegionalErrors(method, modality, rows.Select(r => r.Mean).ToArray(),
                    rows.All(r => r.StandardDeviation is not null) ? rows.Select(r => r.StandardDeviation!.Value).ToArray() : null));
            }
        string label = result.ErrorKind == Deviation.RegionalErrorKind.Squared ? "mean squared error (z units²)" : "mean absolute error (z units)";
        return ControlReconstructionFigure.Build(regions, series, label, renderer);
    }

    /// <summary>Fig 4: histograms of held-out-control and patient deviations per method, EMD in each panel title.</summary>
    public static FigureBundle DeviationHistograms(DeviationHistogramsResult result, DeviationSpace space = DeviationSpace.Feature, PngRenderer? renderer = null)
    {
        var panels = result.Distributions.Where(d => d.Space == space)
            .Select(d => new DeviationDistributions(d.Method, d.ControlDistances, d.PatientDistances, d.EarthMoversDistance)).ToArray();
        return DeviationHistogramFigure.Build(panels, space == DeviationSpace.Feature ? "D<sub>mf</sub>" : "D<sub>ml</sub>", renderer: renderer);
    }

    /// <summary>
    /// Fig 5 A: mean |Z_ml| per latent dimension for each patient stage, with the paper's 1.96 line (under the corrected
    /// procedure the per-stage Welch/BH selection is in the mapping's table, not on this line).
    /// </summary>
    public static FigureBundle LatentDeviation(LatentToRegionMappingResult mapping, PngRenderer? renderer = null)
    {
        var stages = mapping.Dimensions[0].Stages.Select(s => s.Stage).ToArray();
        var groups = new List<LatentGroupDeviation> { new("all patients", mapping.Dimensions.Select(d => d.MeanAbsoluteZ).ToArray()) };
        groups.AddRange(stages.Select(stage => new LatentGroupDeviation(ClinicalStages.Label(stage),
            mapping.Dimensions.Select(d => d.Stages.First(s => s.Stage == stage).MeanAbsoluteZ ?? 0).ToArray())));
        return LatentDeviationFigure.Build(groups, mapping.SelectionThreshold ?? PaperLatentToRegionMapping.DefaultThreshold, renderer);
    }

    /// <summary>
    /// Fig 5 B: the signed regional effect of each stage per region, FDR-masked, lobe-ordered, per modality, on a
    /// diverging scale: the corrected mapping's decoded effect in control-sd units, or the paper's Cohen's d.
    /// </summary>
    public static FigureBundle RegionalEffects(LatentToRegionMappingResult mapping, ExperimentData data, PngRenderer? renderer = null)
    {
        var first = mapping.Effects.FirstOrDefault(c => c.SkippedReason is null)
            ?? throw new ArgumentException("The mapping skipped every stage; there is no regional effect to draw.", nameof(mapping));
        var regions = Labels(data.Regions(first.Modality));
        var effects = mapping.Effects.Where(c => c.SkippedReason is null)
            .Select(c => new GroupRegionalEffect(c.Modality, ClinicalStages.Label(c.Stage),
                c.Regions.Select(r => r.Effect).ToArray(), c.Regions.Select(r => r.Significant).ToArray()))
            .ToArray();
        bool corrected = mapping.Procedure == MappingProcedure.Corrected;
        return RegionalEffectMapFigure.Build(regions, effects, renderer,
            effectLabel: corrected ? "effect (control sd)" : "Cohen's d", minimumLimit: corrected ? 0.3 : 0.8);
    }

    /// <summary>Deviation against ADAS13 for the patients of one method, with Pearson and Spearman r in the title.</summary>
    public static FigureBundle Cognition(CognitionAssociationResult result, DeviationHistogramsResult distances, ExperimentData data,
        string? methodKey = null, DeviationSpace space = DeviationSpace.Latent, PngRenderer? renderer = null)
    {
        var row = result.Rows.First(r => r.Space == space && (methodKey is null || r.MethodKey == methodKey));
        var sample = distances.Distributions.First(d => d.Space == space && d.MethodKey == row.MethodKey);
        var subjects = sample.PatientIds.Select(data.Subject).ToArray();
        return CognitionScatterFigure.Build(sample.PatientDistances, subjects.Select(s => s.Adas13 ?? double.NaN).ToArray(),
            subjects.Select(s => ClinicalStages.Label(s.Stage)).ToArray(),
            [new CorrelationSummary("Pearson", row.Pearson.Coefficient, row.Pearson.PValue), new CorrelationSummary("Spearman", row.Spearman.Coefficient, row.Spearman.PValue)],
            space == DeviationSpace.Feature ? "D<sub>mf</sub>" : "D<sub>ml</sub>", renderer);
    }

    /// <summary>
    /// ROC curves of planted-region recovery (|effect| of planted vs unplanted regions) per stage and modality, for
    /// the model's mapping and for the no-model ceiling; only where the AUROC is informative.
    /// </summary>
    public static FigureBundle PlantedTruth(PlantedTruthValidationResult result, PngRenderer? renderer = null)
    {
        var curves = new List<RocCurve>();
        foreach (var recovery in result.Recovery)
        {
            var regions = result.Regions.Where(r => r.Modality == recovery.Modality && r.Stage == recovery.Stage).ToArray();
            var labels = regions.Select(r => r.Planted).ToArray();
            string name = $"{recovery.Modality}, {ClinicalStages.Label(recovery.Stage)}";
            if (recovery.Model?.Auroc is { } model)
            {
                var (fpr, tpr) = Roc(regions.Select(r => Math.Abs(r.ModelEffect!.Value)).ToArray(), labels);
                curves.Add(new RocCurve(name, fpr, tpr, model));
            }
            if (recovery.Ceiling?.Auroc is { } ceiling)
            {
                var (fpr, tpr) = Roc(regions.Select(r => Math.Abs(r.CeilingEffect)).ToArray(), labels);
                curves.Add(new RocCurve(name + ", no model", fpr, tpr, ceiling));
            }
        }
        if (curves.Count == 0)
            throw new ArgumentException("No stage and modality has an informative AUROC; there is no ROC curve to draw.", nameof(result));
        return PlantedTruthFigure.Build(curves, renderer);
    }

    /// <summary>The ROC curve (FPR, TPR) of <paramref name="scores"/> against <paramref name="labels"/>, thresholds from high to low; ties move diagonally.</summary>
    public static (double[] FalsePositiveRate, double[] TruePositiveRate) Roc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        int positives = labels.Count(l => l), negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0) throw new ArgumentException("A ROC curve needs both positive and negative labels.", nameof(labels));
        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        int tp = 0, fp = 0;
        foreach (var group in scores.Select((s, i) => (Score: s, Label: labels[i])).GroupBy(x => x.Score).OrderByDescending(g => g.Key))
        {
            tp += group.Count(x => x.Label);
            fp += group.Count(x => !x.Label);
            fpr.Add(fp / (double)negatives);
            tpr.Add(tp / (double)positives);
        }
        return (fpr.ToArray(), tpr.ToArray());
    }

    /// <summary>Figure labels of a region set, lobe from the package's region catalogue.</summary>
    public static IReadOnlyList<RegionLabel> Labels(RegionSet regions) => regions.Regions.Select(r => new RegionLabel(r.Id, r.Lobe)).ToArray();

    private static int FigureLatent(IReadOnlyList<int> sizes) => sizes.Contains(15) ? 15 : sizes.Max();

    /// <summary>The cells of one block; the no-model baseline has a D_mf value at every latent size and no D_ml cell (shown as "—").</summary>
    private static IReadOnlyList<LikelihoodRatioSeedValues> CellsOf(LikelihoodRatioTableResult table, DeviationSpace space) =>
        (space == DeviationSpace.Feature && table.Baseline is { } b
            ? table.LatentSizes.Select(d => new LikelihoodRatioSeedValues(b.Method, d, [RatioOf(b.FeatureRatio)]))
            : [])
        .Concat(table.Cells.Where(c => c.Space == space)
            .Select(c => new LikelihoodRatioSeedValues(c.Method, c.LatentDim, c.Seeds.Select(s => RatioOf(s.Ratio)).ToArray())))
        .ToArray();

    private static double RatioOf(Deviation.LikelihoodRatio ratio) => ratio.Status == Deviation.LikelihoodRatioStatus.EmptyGroup ? double.NaN : ratio.Value;
}
