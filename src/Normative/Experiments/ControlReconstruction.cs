using Normative.Deviation;
using Normative.Training;

namespace Normative.Experiments;

/// <summary>
/// One region's held-out-control reconstruction error for a method and latent size: per seed
/// e_j^(k) = (1 / n_j) sum_i d_ij over the held-out controls i that have the region's modality, then
/// the mean and sample sd over seeds k.
/// </summary>
/// <param name="SeedErrors">e_j^(k) per seed, in the grid's seed order.</param>
/// <param name="StandardDeviation">Sample sd over seeds; null for a single seed.</param>
/// <param name="Controls">Held-out controls with the modality (n_j).</param>
public sealed record RegionReconstructionError(
    string Method,
    string MethodKey,
    int LatentDim,
    string Modality,
    string Region,
    IReadOnlyList<double> SeedErrors,
    double Mean,
    double? StandardDeviation,
    int Controls);

/// <summary>
/// A modality's reconstruction error for a method and latent size: per seed the mean of the region errors
/// e_j^(k) over the modality's regions, then mean and sample sd over seeds.
/// </summary>
public sealed record ModalityReconstructionError(
    string Method,
    string MethodKey,
    int LatentDim,
    string Modality,
    IReadOnlyList<double> SeedErrors,
    double Mean,
    double? StandardDeviation);

/// <summary>
/// Paper Fig 3: average per-region reconstruction error of the held-out controls (never seen in training),
/// per method, latent size and modality, over seeds. Rows follow the grid's method order, then latent
/// size, modality and region order. A method that sees only some modalities has rows for those only.
/// </summary>
/// <param name="ErrorKind">How the per-region errors d_ij were measured (squared per the paper's text, or absolute).</param>
public sealed record ControlReconstructionResult(
    IReadOnlyList<string> Methods,
    IReadOnlyList<int> LatentSizes,
    IReadOnlyList<int> Seeds,
    RegionalErrorKind ErrorKind,
    IReadOnlyList<RegionReconstructionError> Regions,
    IReadOnlyList<ModalityReconstructionError> Summary)
{
    /// <summary>The summary of <paramref name="method"/> (label) at <paramref name="latentDim"/> for <paramref name="modality"/>, or null when the method does not see it.</summary>
    public ModalityReconstructionError? SummaryOf(string method, int latentDim, string modality) =>
        Summary.FirstOrDefault(s => s.Method == method && s.LatentDim == latentDim && s.Modality == modality);

    /// <summary>Mean region error per method x modality (rows) and latent size (columns), "mean ± sd over seeds".</summary>
    public string ToMarkdown()
    {
        var modalities = Summary.Select(s => s.Modality).Distinct().ToArray();
        var lines = new List<string>
        {
            $"Held-out-control reconstruction error ({ErrorKind.ToString().ToLowerInvariant()} error, mean over regions; mean ± sd over {Seeds.Count} seed(s)).",
            "",
            "| Method | Modality | " + string.Join(" | ", LatentSizes.Select(d => $"d = {d}")) + " |",
            "|---|---|" + string.Concat(LatentSizes.Select(_ => "---:|")),
        };
        foreach (var method in Methods)
            foreach (var modality in modalities)
            {
                var cells = LatentSizes.Select(d => SummaryOf(method, d, modality)).ToArray();
                if (cells.All(c => c is null)) continue;
                lines.Add($"| {method} | {modality} | " + string.Join(" | ", cells.Select(c => c is null ? "—" : SeedStatistics.Format(c.Mean, c.StandardDeviation))) + " |");
            }
        return string.Join("\n", lines);
    }

    /// <summary>
    /// Writes <c>control_reconstruction.json</c>, <c>control_reconstruction.csv</c> (one row per region and seed,
    /// with the cell's mean and sd) and <c>control_reconstruction_summary.csv</c> into <paramref name="folder"/>.
    /// </summary>
    public void Write(string folder)
    {
        ResultFiles.WriteJson(Path.Combine(folder, "control_reconstruction.json"), this);
        ResultFiles.WriteCsv(Path.Combine(folder, "control_reconstruction.csv"),
            ["method", "method_key", "latent_dim", "modality", "region", "seed", "error", "mean", "sd", "controls"],
            Regions.SelectMany(r => r.SeedErrors.Select((e, k) => (IReadOnlyList<object?>)
                [r.Method, r.MethodKey, r.LatentDim, r.Modality, r.Region, Seeds[k], e, r.Mean, r.StandardDeviation, r.Controls])));
        ResultFiles.WriteCsv(Path.Combine(folder, "control_reconstruction_summary.csv"),
            ["method", "method_key", "latent_dim", "modality", "mean", "sd", "seeds"],
            Summary.Select(s => (IReadOnlyList<object?>)[s.Method, s.MethodKey, s.LatentDim, s.Modality, s.Mean, s.StandardDeviation, s.SeedErrors.Count]));
    }
}

/// <summary>Builds paper Fig 3's numbers from a grid run.</summary>
public static class ControlReconstruction
{
    /// <summary>Every method x latent size x modality x region of <paramref name="grid"/>; region ids from <paramref name="data"/>.</summary>
    public static ControlReconstructionResult Run(GridResult grid, ExperimentData data)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(data);
        var regions = new List<RegionReconstructionError>();
        var summary = new List<ModalityReconstructionError>();
        foreach (var method in grid.Options.Methods)
            foreach (int latent in grid.Options.LatentSizes)
            {
                var runs = grid.RunsOf(method, latent);
                if (runs.Count == 0) continue;
                var modalities = runs[0].Holdout.Scores.ModalityNames;
                for (int m = 0; m < modalities.Count; m++)
                {
                    var ids = data.Regions(modalities[m]).Ids.ToArray();
                    // perSeed[k][j]: seed k's mean error of region j over the held-out controls.
                    var perSeed = runs.Select(r => RegionMeans(r.Holdout.Scores, m, ids.Length).Means).ToArray();
                    var controls = RegionMeans(runs[0].Holdout.Scores, m, ids.Length).Observed;
                    for (int j = 0; j < ids.Length; j++)
                    {
                        var values = perSeed.Select(s => s[j]).ToArray();
                        regions.Add(new RegionReconstructionError(method.Label, method.Key, latent, modalities[m], ids[j], values,
                            SeedStatistics.Mean(values), SeedStatistics.StandardDeviation(values), controls[j]));
                    }
                    var modalityMeans = perSeed.Select(s => s.Average()).ToArray();
                    summary.Add(new ModalityReconstructionError(method.Label, method.Key, latent, modalities[m], modalityMeans,
                        SeedStatistics.Mean(modalityMeans), SeedStatistics.StandardDeviation(modalityMeans)));
                }
            }
        var measure = grid.Runs.Count > 0 ? grid.Runs[0].Holdout.Scores.ErrorKind : RegionalErrorKind.Squared;
        return new ControlReconstructionResult(grid.Options.Methods.Select(m => m.Label).ToArray(), grid.Options.LatentSizes,
            grid.Options.Seeds, measure, regions, summary);
    }

    /// <summary>
    /// Mean error of each region of modality <paramref name="m"/> over the subjects that have the modality
    /// (a missing modality's errors are NaN by <see cref="SubjectScores"/>'s contract and carry no information).
    /// </summary>
    private static (double[] Means, int[] Observed) RegionMeans(SubjectScores scores, int m, int regionCount)
    {
        var errors = scores.Errors[m];
        if (errors.GetLength(1) != regionCount)
            throw new ArgumentException($"Modality '{scores.ModalityNames[m]}' has {errors.GetLength(1)} error columns but the cohort lists {regionCount} regions.");
        var means = new double[regionCount];
        var observed = new int[regionCount];
        for (int j = 0; j < regionCount; j++)
        {
            double sum = 0;
            for (int i = 0; i < errors.GetLength(0); i++)
            {
                if (!scores.Observed[i, m]) continue;
                sum += errors[i, j];
                observed[j]++;
            }
            if (observed[j] == 0)
                throw new ArgumentException($"No held-out control has modality '{scores.ModalityNames[m]}'; its reconstruction error is undefined.");
            means[j] = sum / observed[j];
        }
        return (means, observed);
    }
}
