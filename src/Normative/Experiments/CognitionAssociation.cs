using Normative.Data;
using Normative.Deviation;

namespace Normative.Experiments;

/// <summary>
/// Association of one method's deviation distances (D_ml or D_mf) with ADAS13 over the patients that have
/// it: Pearson r and Spearman rho with p-values, raw and with age and sex regressed out of ADAS13.
/// </summary>
/// <param name="Subjects">Patients with an ADAS13 score (n).</param>
/// <param name="AdjustedPearson">r(D, e) with e the residual of ADAS13 ~ 1 + age + sex (sex: 1 = male, 0 = female).</param>
/// <param name="AdjustedSpearman">rho(D, e) with the same residual.</param>
public sealed record CognitionCorrelation(
    string Method,
    string MethodKey,
    int LatentDim,
    int Seed,
    DeviationSpace Space,
    int Subjects,
    CorrelationResult Pearson,
    CorrelationResult Spearman,
    CorrelationResult AdjustedPearson,
    CorrelationResult AdjustedSpearman);

/// <summary>
/// Correlation of the Mahalanobis deviations with cognition (ADAS13), per method at the figure latent size
/// (first seed): the mmNormVAE poster's analysis. Rows: latent space then feature space, in the grid's method order.
/// </summary>
/// <param name="PatientsWithoutScore">Patients left out because their ADAS13 is missing.</param>
public sealed record CognitionAssociationResult(int LatentDim, int PatientsWithoutScore, IReadOnlyList<CognitionCorrelation> Rows)
{
    /// <summary>The row of <paramref name="method"/> (label) in <paramref name="space"/>.</summary>
    public CognitionCorrelation Of(string method, DeviationSpace space) =>
        Rows.FirstOrDefault(r => r.Method == method && r.Space == space)
        ?? throw new ArgumentException($"No {space} correlation for '{method}'.");

    /// <summary>r / rho (p) per method and space, raw and age/sex-adjusted.</summary>
    public string ToMarkdown()
    {
        var lines = new List<string>
        {
            $"Correlation of deviation distances with ADAS13 among patients (d = {LatentDim}, first seed; {PatientsWithoutScore} patient(s) without ADAS13 left out). Adjusted: age and sex regressed out of ADAS13.",
            "",
            "| Method | Space | n | Pearson r (p) | Spearman rho (p) | Adjusted r (p) | Adjusted rho (p) |",
            "|---|---|---:|---:|---:|---:|---:|",
        };
        foreach (var r in Rows)
            lines.Add($"| {r.Method} | {DeviationHistogramsResult.SpaceCode(r.Space)} | {r.Subjects} | {Format(r.Pearson)} | {Format(r.Spearman)} | {Format(r.AdjustedPearson)} | {Format(r.AdjustedSpearman)} |");
        return string.Join("\n", lines);
    }

    /// <summary>Writes <c>cognition_association.json</c> and <c>cognition_association.csv</c> (one row per method, space, correlation and adjustment).</summary>
    public void Write(string folder)
    {
        ResultFiles.WriteJson(Path.Combine(folder, "cognition_association.json"), this);
        ResultFiles.WriteCsv(Path.Combine(folder, "cognition_association.csv"),
            ["method", "method_key", "latent_dim", "seed", "space", "correlation", "adjusted", "n", "coefficient", "p", "df"],
            Rows.SelectMany(r => new[] { (r.Pearson, false), (r.Spearman, false), (r.AdjustedPearson, true), (r.AdjustedSpearman, true) }
                .Select(c => (IReadOnlyList<object?>)[r.Method, r.MethodKey, r.LatentDim, r.Seed, DeviationHistogramsResult.SpaceCode(r.Space),
                    c.Item1.Method.ToString().ToLowerInvariant(), c.Item2, c.Item1.Count, c.Item1.Coefficient, c.Item1.PValue, c.Item1.DegreesOfFreedom])));
    }

    private static string Format(CorrelationResult c) => $"{ResultFiles.Short(c.Coefficient, "0.000")} ({ResultFiles.Short(c.PValue, "0.###E+0")})";
}

/// <summary>
/// Correlates D_ml and D_mf (Eqs. 12-13, as distances) with ADAS13 across the patients: Pearson r and
/// Spearman rho with t-test p-values, raw and outcome-adjusted for age and sex (the authors regress the
/// covariates out of the cognitive score, <see cref="CovariateAdjustment.OutcomeOnly"/>).
/// </summary>
/// <remarks>
/// S. Kumar, P. R. O. Payne, A. Sotiras, "mmNormVAE: Normative Modelling on Multimodal Neuroimaging Data using
/// Product-of-Experts Variational Autoencoder", NeurIPS poster (deviations vs ADAS13).
/// </remarks>
public static class CognitionAssociation
{
    /// <summary>The fewest patients with ADAS13 the adjusted correlation accepts: intercept + 2 covariates + 2 to leave a degree of freedom.</summary>
    public const int MinimumSubjects = 5;

    /// <summary>Every method of <paramref name="grid"/> at <see cref="GridResult.FigureLatentSize"/>, first seed.</summary>
    public static CognitionAssociationResult Run(GridResult grid, ExperimentData data)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(data);
        int latent = grid.FigureLatentSize;
        var runs = grid.Options.Methods.Select(m => grid.Representative(m, latent)).ToArray();
        var rows = new[] { DeviationSpace.Latent, DeviationSpace.Feature }
            .SelectMany(space => runs.Select(run => Correlate(run, data, space))).ToArray();
        int missing = data.Patients.SubjectIds.Count(id => data.Subject(id).Adas13 is null);
        return new CognitionAssociationResult(latent, missing, rows);
    }

    /// <summary>The correlations of one run's distances in <paramref name="space"/> with ADAS13 over the patients that have it.</summary>
    public static CognitionCorrelation Correlate(ModelEvaluation run, ExperimentData data, DeviationSpace space)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(data);
        var distances = DeviationHistograms.Distances(run.Patients.Deviations, space);
        var subjects = run.Patients.Scores.SubjectIds.Select(data.Subject).ToArray();
        var rows = Enumerable.Range(0, subjects.Length).Where(i => subjects[i].Adas13 is not null).ToArray();
        if (rows.Length < MinimumSubjects)
            throw new ArgumentException($"Only {rows.Length} of {subjects.Length} patients have an ADAS13 score; the cognition association needs at least {MinimumSubjects}.", nameof(data));
        var x = rows.Select(i => distances[i]).ToArray();
        var y = rows.Select(i => subjects[i].Adas13!.Value).ToArray();
        var covariates = new double[rows.Length, 2];
        for (int k = 0; k < rows.Length; k++)
        {
            covariates[k, 0] = subjects[rows[k]].Age;
            covariates[k, 1] = subjects[rows[k]].Sex == Sex.Male ? 1 : 0;
        }
        return new CognitionCorrelation(run.Method.Label, run.Method.Key, run.LatentDim, run.Seed, space, rows.Length,
            PearsonCorrelation.Compute(x, y),
            SpearmanCorrelation.Compute(x, y),
            CovariateAdjustedCorrelation.Compute(x, y, covariates, CorrelationMethod.Pearson, CovariateAdjustment.OutcomeOnly),
            CovariateAdjustedCorrelation.Compute(x, y, covariates, CorrelationMethod.Spearman, CovariateAdjustment.OutcomeOnly));
    }
}
