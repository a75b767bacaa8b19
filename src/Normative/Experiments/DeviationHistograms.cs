using Normative.Data;
using Normative.Deviation;

namespace Normative.Experiments;

/// <summary>One patient stage's distances and their Earth mover's distance to the held-out controls' (null with no subjects in the stage).</summary>
public sealed record StageDistances(ClinicalStage Stage, IReadOnlyList<string> SubjectIds, IReadOnlyList<double> Distances, double? EarthMoversDistance);

/// <summary>
/// The distributions behind one panel of paper Fig 4 for one method: the Mahalanobis distances
/// D = sqrt(D^2) (Eq. 12 for the latent space, Eq. 13 for the feature space) of the held-out controls and
/// of the patients, all together and per stage, and W1 = integral |F_controls(t) - F_patients(t)| dt.
/// </summary>
/// <param name="EarthMoversDistance">W1 between the held-out-control and all-patient distances.</param>
public sealed record DistanceDistributions(
    string Method,
    string MethodKey,
    int LatentDim,
    int Seed,
    DeviationSpace Space,
    IReadOnlyList<string> ControlIds,
    IReadOnlyList<double> ControlDistances,
    IReadOnlyList<string> PatientIds,
    IReadOnlyList<double> PatientDistances,
    double EarthMoversDistance,
    IReadOnlyList<StageDistances> Stages);

/// <summary>
/// Paper Fig 4: per method (first seed at the figure latent size) the D_mf (and D_ml) distances of held-out
/// controls and patients with the Earth mover's distance between them. The raw distances are kept so a
/// figure can draw histograms with any binning. Rows: feature space first (the figure), then latent, each
/// in the grid's method order.
/// </summary>
public sealed record DeviationHistogramsResult(int LatentDim, IReadOnlyList<DistanceDistributions> Distributions)
{
    /// <summary>The distributions of <paramref name="method"/> (label) in <paramref name="space"/>.</summary>
    public DistanceDistributions Of(string method, DeviationSpace space) =>
        Distributions.FirstOrDefault(d => d.Method == method && d.Space == space)
        ?? throw new ArgumentException($"No {space} distances for '{method}'.");

    /// <summary>EMD per method and space, overall and per stage; medians for orientation.</summary>
    public string ToMarkdown()
    {
        var lines = new List<string>
        {
            $"Earth mover's distance (W1) between held-out-control and patient Mahalanobis distances, d = {LatentDim} (first seed).",
            "",
            "| Method | Space | Median control D | Median patient D | EMD all patients | " + string.Join(" | ", ClinicalStages.Patients.Select(s => $"EMD {ClinicalStages.Label(s)}")) + " |",
            "|---|---|---:|---:|---:|" + string.Concat(ClinicalStages.Patients.Select(_ => "---:|")),
        };
        foreach (var d in Distributions)
        {
            var stages = ClinicalStages.Patients.Select(s => d.Stages.FirstOrDefault(x => x.Stage == s)?.EarthMoversDistance is { } e ? ResultFiles.Short(e) : "—");
            lines.Add($"| {d.Method} | {(d.Space == DeviationSpace.Feature ? "D_mf" : "D_ml")} | {ResultFiles.Short(Median(d.ControlDistances))} | " +
                $"{ResultFiles.Short(Median(d.PatientDistances))} | {ResultFiles.Short(d.EarthMoversDistance)} | " + string.Join(" | ", stages) + " |");
        }
        return string.Join("\n", lines);
    }

    /// <summary>
    /// Writes <c>deviation_histograms.json</c>, <c>deviation_histograms.csv</c> (one row per subject and space:
    /// the raw distances) and <c>deviation_histograms_emd.csv</c> (one row per method, space and comparison).
    /// </summary>
    public void Write(string folder)
    {
        ResultFiles.WriteJson(Path.Combine(folder, "deviation_histograms.json"), this);
        ResultFiles.WriteCsv(Path.Combine(folder, "deviation_histograms.csv"),
            ["method", "method_key", "latent_dim", "seed", "space", "subject_id", "stage", "distance"],
            Distributions.SelectMany(d => SubjectRows(d)));
        ResultFiles.WriteCsv(Path.Combine(folder, "deviation_histograms_emd.csv"),
            ["method", "method_key", "latent_dim", "seed", "space", "patients", "emd"],
            Distributions.SelectMany(d => new[] { ("all", (double?)d.EarthMoversDistance) }
                .Concat(d.Stages.Select(s => (ClinicalStages.Code(s.Stage), s.EarthMoversDistance)))
                .Select(e => (IReadOnlyList<object?>)[d.Method, d.MethodKey, d.LatentDim, d.Seed, SpaceCode(d.Space), e.Item1, e.Item2])));
    }

    internal static string SpaceCode(DeviationSpace space) => space == DeviationSpace.Latent ? "d_ml" : "d_mf";

    private static IEnumerable<IReadOnlyList<object?>> SubjectRows(DistanceDistributions d)
    {
        for (int i = 0; i < d.ControlIds.Count; i++)
            yield return [d.Method, d.MethodKey, d.LatentDim, d.Seed, SpaceCode(d.Space), d.ControlIds[i], ClinicalStages.Code(ClinicalStage.Control), d.ControlDistances[i]];
        foreach (var stage in d.Stages)
            for (int i = 0; i < stage.SubjectIds.Count; i++)
                yield return [d.Method, d.MethodKey, d.LatentDim, d.Seed, SpaceCode(d.Space), stage.SubjectIds[i], ClinicalStages.Code(stage.Stage), stage.Distances[i]];
    }

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}

/// <summary>Builds paper Fig 4's distributions from a grid run.</summary>
public static class DeviationHistograms
{
    /// <summary>Every method of <paramref name="grid"/> at <see cref="GridResult.FigureLatentSize"/>, first seed.</summary>
    public static DeviationHistogramsResult Run(GridResult grid, ExperimentData data)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(data);
        int latent = grid.FigureLatentSize;
        var runs = grid.Options.Methods.Select(m => grid.Representative(m, latent)).ToArray();
        var rows = new List<DistanceDistributions>();
        foreach (var space in new[] { DeviationSpace.Feature, DeviationSpace.Latent })
            rows.AddRange(runs.Select(r => Distributions(r, data, space)));
        return new DeviationHistogramsResult(latent, rows);
    }

    /// <summary>The held-out-control and patient distances of one run in one space.</summary>
    public static DistanceDistributions Distributions(ModelEvaluation run, ExperimentData data, DeviationSpace space)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(data);
        var controls = Distances(run.Holdout.Deviations, space);
        var patients = Distances(run.Patients.Deviations, space);
        var patientIds = run.Patients.Scores.SubjectIds;
        var stages = ClinicalStages.Of(data, patientIds);
        var perStage = ClinicalStages.Patients.Select(stage =>
        {
            var rows = ClinicalStages.RowsOf(stages, stage);
            var values = rows.Select(i => patients[i]).ToArray();
            return new StageDistances(stage, rows.Select(i => patientIds[i]).ToArray(), values,
                values.Length == 0 ? null : EarthMoversDistance.Compute(controls, values));
        }).ToArray();
        return new DistanceDistributions(run.Method.Label, run.Method.Key, run.LatentDim, run.Seed, space,
            run.Holdout.Scores.SubjectIds, controls, patientIds, patients, EarthMoversDistance.Compute(controls, patients), perStage);
    }

    /// <summary>D = sqrt(D^2) per subject: the paper's Eqs. 12-13 are the square roots of the quadratic forms.</summary>
    internal static double[] Distances(DeviationScores deviations, DeviationSpace space) => space switch
    {
        DeviationSpace.Latent => deviations.LatentSquaredDistance.Select(Math.Sqrt).ToArray(),
        DeviationSpace.Feature => deviations.FeatureSquaredDistance.Select(Math.Sqrt).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(space), space, "Unknown deviation space."),
    };
}
