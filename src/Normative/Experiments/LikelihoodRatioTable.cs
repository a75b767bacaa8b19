using Normative.Deviation;

namespace Normative.Experiments;

/// <summary>One seed's likelihood ratio with its 2x2 counts.</summary>
public sealed record SeedLikelihoodRatio(int Seed, LikelihoodRatio Ratio);

/// <summary>
/// One cell of Table 1: method x latent size x space, summarised over seeds. <see cref="Mean"/> is +infinity
/// when any seed had no held-out-control outliers; <see cref="HaldaneMean"/> (+0.5 per cell) is always finite.
/// </summary>
public sealed record LikelihoodRatioCell(
    string Method,
    string MethodKey,
    string Family,
    int LatentDim,
    DeviationSpace Space,
    IReadOnlyList<SeedLikelihoodRatio> Seeds,
    double Mean,
    double? StandardDeviation,
    double HaldaneMean,
    double HaldaneStandardDeviation,
    double MeanTruePositiveRate,
    double MeanFalsePositiveRate,
    int InfiniteSeeds);

/// <summary>
/// The no-model baseline's row of Table 1: its LR+ in the feature space (the same for every latent size and seed,
/// it has neither) and, in place of a D_ml number, the reason there is none.
/// </summary>
/// <param name="FeatureRatio">LR+ of the baseline's outliers, patients against held-out controls, with its counts.</param>
/// <param name="LatentNote">What its D_ml cells say instead of a number.</param>
public sealed record BaselineLikelihoodRatio(string Method, string MethodKey, LikelihoodRatio FeatureRatio, string LatentNote = BaselineLikelihoodRatio.NoLatentSpace)
{
    /// <summary>The D_ml cell text of the baseline.</summary>
    public const string NoLatentSpace = "no latent space";
}

/// <summary>
/// Table 1 A (D_ml) and B (D_mf): positive likelihood ratio TPR / FPR of outliers, patients against held-out
/// controls, per method and latent size, mean ± sd over seeds with every seed's counts kept, and the
/// held-out-control false-positive rate against the nominal alpha; first the no-model baseline's row (issue 21).
/// </summary>
public sealed record LikelihoodRatioTableResult(
    IReadOnlyList<string> Methods,
    IReadOnlyList<int> LatentSizes,
    IReadOnlyList<int> Seeds,
    double NominalAlpha,
    IReadOnlyList<LikelihoodRatioCell> Cells,
    BaselineLikelihoodRatio? Baseline = null)
{
    /// <summary>The cell of <paramref name="method"/> (label) at <paramref name="latentDim"/> in <paramref name="space"/>.</summary>
    public LikelihoodRatioCell Cell(string method, int latentDim, DeviationSpace space) =>
        Cells.FirstOrDefault(c => c.Method == method && c.LatentDim == latentDim && c.Space == space)
        ?? throw new ArgumentException($"Table 1 has no cell for '{method}' at d = {latentDim} ({space}).");

    /// <summary>Table 1 A or B as Markdown: "mean ± sd" per latent size (∞ when a seed had no control outliers).</summary>
    public string ToMarkdown(DeviationSpace space)
    {
        var lines = new List<string>
        {
            "| Method | " + string.Join(" | ", LatentSizes.Select(d => $"d = {d}")) + " |",
            "|---|" + string.Concat(LatentSizes.Select(_ => "---:|")),
        };
        if (Baseline is { } b)
        {
            string text = space == DeviationSpace.Latent ? $"— ({b.LatentNote})" : Format(b.FeatureRatio);
            lines.Add($"| {b.Method} | " + string.Join(" | ", LatentSizes.Select(_ => text)) + " |");
        }
        foreach (var method in Methods)
        {
            var cells = LatentSizes.Select(d => Format(Cell(method, d, space)));
            lines.Add($"| {method} | " + string.Join(" | ", cells) + " |");
        }
        return string.Join("\n", lines);
    }

    /// <summary>The mean held-out-control false-positive rate of each method and space, over latent sizes and seeds.</summary>
    public IEnumerable<(string Method, DeviationSpace Space, double FalsePositiveRate)> ControlFalsePositiveRates() =>
        Cells.GroupBy(c => (c.Method, c.Space)).Select(g => (g.Key.Method, g.Key.Space, g.Average(c => c.MeanFalsePositiveRate)));

    /// <summary>Writes <c>table1.csv</c> (one row per cell and seed) and <c>table1.json</c> into <paramref name="folder"/>.</summary>
    public void Write(string folder)
    {
        ResultFiles.WriteJson(Path.Combine(folder, "table1.json"), this);
        ResultFiles.WriteCsv(Path.Combine(folder, "table1.csv"),
            ["space", "method", "method_key", "family", "latent_dim", "seed", "lr", "lr_haldane", "tpr", "fpr",
             "patient_outliers", "patients", "control_outliers", "controls", "status"],
            BaselineRows().Concat(Cells.SelectMany(c => c.Seeds.Select(s => Row(c.Space, c.Method, c.MethodKey, c.Family, c.LatentDim, s.Seed, s.Ratio)))));
    }

    /// <summary>The baseline's feature-space row (no latent size, no seed: it has neither).</summary>
    private IEnumerable<IReadOnlyList<object?>> BaselineRows()
    {
        if (Baseline is { } b) yield return Row(DeviationSpace.Feature, b.Method, b.MethodKey, BaselineEvaluation.Method.Family, null, null, b.FeatureRatio);
    }

    private static IReadOnlyList<object?> Row(DeviationSpace space, string method, string key, string family, int? d, int? seed, LikelihoodRatio r) =>
    [
        space == DeviationSpace.Latent ? "A_latent" : "B_feature", method, key, family, d, seed,
        r.Value, r.HaldaneCorrected, r.TruePositiveRate, r.FalsePositiveRate,
        r.PatientOutliers, r.Patients, r.ControlOutliers, r.Controls, r.Status.ToString(),
    ];

    private static string Format(LikelihoodRatio ratio) => ratio.Status == LikelihoodRatioStatus.InfiniteZeroFalsePositives
        ? $"∞ (Haldane {ResultFiles.Short(ratio.HaldaneCorrected)})"
        : ResultFiles.Short(ratio.Value);

    private static string Format(LikelihoodRatioCell cell)
    {
        if (cell.InfiniteSeeds > 0)
            return $"∞ ({cell.InfiniteSeeds}/{cell.Seeds.Count} seeds; Haldane {ResultFiles.Short(cell.HaldaneMean)})";
        return cell.StandardDeviation is { } sd
            ? $"{ResultFiles.Short(cell.Mean)} ± {ResultFiles.Short(sd)}"
            : ResultFiles.Short(cell.Mean);
    }
}

/// <summary>Builds Table 1 from a grid run.</summary>
public static class LikelihoodRatioTable
{
    /// <summary>Every method x latent size x space cell of <paramref name="grid"/>.</summary>
    public static LikelihoodRatioTableResult Run(GridResult grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var cells = new List<LikelihoodRatioCell>();
        foreach (var space in new[] { DeviationSpace.Latent, DeviationSpace.Feature })
            foreach (var method in grid.Options.Methods)
                foreach (int d in grid.Options.LatentSizes)
                {
                    var seeds = grid.RunsOf(method, d)
                        .Select(r => new SeedLikelihoodRatio(r.Seed, space == DeviationSpace.Latent ? r.LatentLikelihoodRatio : r.FeatureLikelihoodRatio))
                        .ToArray();
                    cells.Add(Summarise(method, d, space, seeds));
                }
        var baseline = grid.Baseline is { } b ? new BaselineLikelihoodRatio(BaselineEvaluation.Method.Label, BaselineEvaluation.Method.Key, b.LikelihoodRatio) : null;
        return new LikelihoodRatioTableResult(grid.Options.Methods.Select(m => m.Label).ToArray(), grid.Options.LatentSizes, grid.Options.Seeds,
            grid.Options.Conventions.Outliers.Alpha, cells, baseline);
    }

    private static LikelihoodRatioCell Summarise(MethodSpec method, int d, DeviationSpace space, IReadOnlyList<SeedLikelihoodRatio> seeds)
    {
        var ratio = SeedStatistics.Summarise(seeds.Select(s => s.Ratio.Value).ToArray());
        var haldane = seeds.Select(s => s.Ratio.HaldaneCorrected).ToArray();
        return new LikelihoodRatioCell(method.Label, method.Key, method.Family, d, space, seeds, ratio.Mean, ratio.StandardDeviation,
            SeedStatistics.Mean(haldane), SeedStatistics.StandardDeviation(haldane) ?? 0,
            seeds.Average(s => s.Ratio.TruePositiveRate), seeds.Average(s => s.Ratio.FalsePositiveRate), ratio.InfiniteSeeds);
    }
}
