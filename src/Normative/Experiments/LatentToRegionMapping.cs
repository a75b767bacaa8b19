using System.Text.Json.Serialization;
using Normative.Data;
using Normative.Deviation;
using Normative.Models;
using static TorchSharp.torch;

namespace Normative.Experiments;

/// <summary>Mean |Z_ml| of one latent dimension over one patient stage (null when the stage has no subjects).</summary>
public sealed record StageLatentDeviation(ClinicalStage Stage, int Subjects, double? MeanAbsoluteZ);

/// <summary>
/// One latent dimension (1-based, as in paper Fig 5A): mean_j |Z_ml,ij| over all patients j (Eq. 14) and per
/// stage, and whether it passes the selection threshold.
/// </summary>
public sealed record LatentDimensionDeviation(int Dimension, double MeanAbsoluteZ, IReadOnlyList<StageLatentDeviation> Stages, bool Selected);

/// <summary>
/// One region's group difference between a patient stage and the held-out controls: Cohen's d (stage minus
/// control, pooled sd), Welch's t with its two-sided p, and the Benjamini-Hochberg q within the modality x contrast.
/// </summary>
public sealed record RegionContrast(string Region, double CohensD, double T, double DegreesOfFreedom, double PValue, double QValue, bool Significant);

/// <summary>
/// The regional contrasts of one modality and stage vs the held-out (amyloid-negative CU) controls, or the
/// reason they were skipped (fewer than 2 subjects in a group).
/// </summary>
public sealed record StageContrast(string Modality, ClinicalStage Stage, int StageSubjects, int Controls, int SignificantRegions,
    string? SkippedReason, IReadOnlyList<RegionContrast> Regions);

/// <summary>
/// Regional deviation values of every scored subject for one modality (rows = subjects: training controls,
/// held-out controls, patients; columns = regions).
/// </summary>
public sealed record RegionalDeviationTable(string Modality, IReadOnlyList<string> RegionIds, IReadOnlyList<string> SubjectIds,
    IReadOnlyList<Split> Splits, IReadOnlyList<ClinicalStage> Stages, double[,] Values)
{
    /// <summary>
    /// Column <paramref name="region"/> restricted to the rows <paramref name="rows"/>, without the NaN cells of subjects
    /// that lack this modality (Z_mf is undefined for them; <see cref="DeviationScores.FeatureZ"/>).
    /// </summary>
    public double[] Column(int region, IReadOnlyList<int> rows) => rows.Select(i => Values[i, region]).Where(v => !double.IsNaN(v)).ToArray();

    /// <summary>Rows of held-out controls.</summary>
    public int[] HoldoutRows => Enumerable.Range(0, SubjectIds.Count).Where(i => Splits[i] == Split.Holdout).ToArray();

    /// <summary>Rows of patients (split test) in <paramref name="stage"/>.</summary>
    public int[] PatientRows(ClinicalStage stage) => Enumerable.Range(0, SubjectIds.Count).Where(i => Splits[i] == Split.Test && Stages[i] == stage).ToArray();
}

/// <summary>
/// Paper Fig 5 for one trained model: (A) mean |Z_ml| per latent dimension over the patients and the selected
/// dimensions; (B) per modality and region, the difference between each patient stage and the held-out controls
/// in the regional deviations decoded from the selected dimensions (or, when none is selected, the
/// reconstruction-error Z_mf, see <see cref="Source"/>), with FDR control.
/// </summary>
/// <param name="SelectedDimensions">1-based dimensions with mean |Z_ml| &gt; <paramref name="SelectionThreshold"/>; empty when none passes.</param>
/// <param name="Source">Which regional deviations the contrasts use.</param>
/// <param name="SourceNote">A sentence saying why that source.</param>
public sealed record LatentToRegionMappingResult(
    string Method,
    string MethodKey,
    int LatentDim,
    int Seed,
    double SelectionThreshold,
    double FdrLevel,
    IReadOnlyList<LatentDimensionDeviation> Dimensions,
    IReadOnlyList<int> SelectedDimensions,
    RegionalDeviationSource Source,
    string SourceNote,
    IReadOnlyList<StageContrast> Contrasts)
{
    /// <summary>Per-subject regional deviations the contrasts were computed from (written as CSV, left out of the JSON).</summary>
    [JsonIgnore]
    public IReadOnlyList<RegionalDeviationTable> SubjectDeviations { get; init; } = [];

    /// <summary>The contrast of <paramref name="stage"/> vs held-out controls in <paramref name="modality"/>.</summary>
    public StageContrast Contrast(string modality, ClinicalStage stage) =>
        Contrasts.FirstOrDefault(c => c.Modality == modality && c.Stage == stage)
        ?? throw new ArgumentException($"No contrast for {stage} in modality '{modality}'.");

    /// <summary>The dimension table (Fig 5A), the source, and per modality x stage the significant regions (Fig 5B).</summary>
    public string ToMarkdown()
    {
        var lines = new List<string>
        {
            $"Latent-to-region mapping of {Method}, d = {LatentDim}, seed {Seed}.",
            "",
            "| Dimension | mean abs Z_ml (all patients) | " + string.Join(" | ", ClinicalStages.Patients.Select(ClinicalStages.Label)) + " | Selected |",
            "|---:|---:|" + string.Concat(ClinicalStages.Patients.Select(_ => "---:|")) + "---|",
        };
        foreach (var d in Dimensions)
        {
            var stages = ClinicalStages.Patients.Select(s => d.Stages.FirstOrDefault(x => x.Stage == s)?.MeanAbsoluteZ is { } v ? ResultFiles.Short(v) : "—");
            lines.Add($"| {d.Dimension} | {ResultFiles.Short(d.MeanAbsoluteZ)} | " + string.Join(" | ", stages) + $" | {(d.Selected ? "yes" : "")} |");
        }
        lines.Add("");
        lines.Add(SelectedDimensions.Count > 0
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Selected dimensions (mean abs Z_ml > {SelectionThreshold}): {string.Join(", ", SelectedDimensions)}. {SourceNote}")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"No dimension has mean abs Z_ml > {SelectionThreshold}. {SourceNote}"));
        lines.Add("");
        lines.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"| Modality | Stage | n stage | n controls | Significant regions (BH q < {FdrLevel}) | Largest abs d (region) |"));
        lines.Add("|---|---|---:|---:|---:|---|");
        foreach (var c in Contrasts)
        {
            string largest = c.Regions.Count == 0 ? c.SkippedReason ?? "—"
                : c.Regions.MaxBy(r => Math.Abs(r.CohensD)) is { } top ? $"{ResultFiles.Short(top.CohensD)} ({top.Region})" : "—";
            lines.Add($"| {c.Modality} | {ClinicalStages.Label(c.Stage)} | {c.StageSubjects} | {c.Controls} | {c.SignificantRegions} of {c.Regions.Count} | {largest} |");
        }
        return string.Join("\n", lines);
    }

    /// <summary>
    /// Writes <c>latent_to_region.json</c>, <c>latent_to_region_dimensions.csv</c>, <c>latent_to_region_contrasts.csv</c>
    /// and <c>latent_to_region_subjects.csv</c> (one row per subject, one column per modality x region).
    /// </summary>
    public void Write(string folder)
    {
        ResultFiles.WriteJson(Path.Combine(folder, "latent_to_region.json"), this);
        ResultFiles.WriteCsv(Path.Combine(folder, "latent_to_region_dimensions.csv"),
            ["method_key", "latent_dim", "seed", "dimension", "stage", "subjects", "mean_abs_z", "selected"],
            Dimensions.SelectMany(d => d.Stages
                .Select(s => (IReadOnlyList<object?>)[MethodKey, LatentDim, Seed, d.Dimension, ClinicalStages.Code(s.Stage), s.Subjects, s.MeanAbsoluteZ, d.Selected])
                .Prepend([MethodKey, LatentDim, Seed, d.Dimension, "all", d.Stages.Sum(s => s.Subjects), d.MeanAbsoluteZ, d.Selected])));
        ResultFiles.WriteCsv(Path.Combine(folder, "latent_to_region_contrasts.csv"),
            ["method_key", "latent_dim", "seed", "source", "modality", "stage", "region", "cohens_d", "t", "df", "p", "q", "significant"],
            Contrasts.SelectMany(c => c.Regions.Select(r => (IReadOnlyList<object?>)
                [MethodKey, LatentDim, Seed, SourceCode, c.Modality, ClinicalStages.Code(c.Stage), r.Region, r.CohensD, r.T, r.DegreesOfFreedom, r.PValue, r.QValue, r.Significant])));
        WriteSubjects(Path.Combine(folder, "latent_to_region_subjects.csv"));
    }

    private string SourceCode => Source == RegionalDeviationSource.DecodedSelectedLatents ? "decoded" : "reconstruction_error_z";

    private void WriteSubjects(string path)
    {
        if (SubjectDeviations.Count == 0) return;
        var first = SubjectDeviations[0];
        var header = new List<string> { "subject_id", "split", "stage" };
        header.AddRange(SubjectDeviations.SelectMany(t => t.RegionIds.Select(r => $"{(Source == RegionalDeviationSource.DecodedSelectedLatents ? "dec" : "zmf")}_{t.Modality}_{r}")));
        ResultFiles.WriteCsv(path, header, Enumerable.Range(0, first.SubjectIds.Count).Select(i =>
        {
            var row = new List<object?> { first.SubjectIds[i], first.Splits[i].ToString().ToLowerInvariant(), ClinicalStages.Code(first.Stages[i]) };
            foreach (var table in SubjectDeviations)
                for (int j = 0; j < table.RegionIds.Count; j++) row.Add(table.Values[i, j]);
            return (IReadOnlyList<object?>)row;
        }));
    }
}

/// <summary>
/// Maps latent deviations to regions (paper §4.4, Fig 5): Z_ml,ij = (z_ij - mu_i^norm) / sigma_i^norm (Eq. 14)
/// against the training controls; dimensions with mean_j |Z_ml,ij| &gt; 1.96 over the patients are selected;
/// every subject's latent is decoded with the other dimensions and the covariates set to 0,
/// x_hat' = g(z' , c = 0) with z'_i = z_i for selected i and 0 otherwise; each region's decoded value is
/// z-scored against the training controls' decodings; and each patient stage is compared with the held-out
/// controls region by region (Cohen's d, Welch t-test, Benjamini-Hochberg within modality x stage).
/// </summary>
/// <remarks>
/// Sign: d = stage minus control. On decoded values a negative MRI d means a lower decoded volume (atrophy) and
/// a positive amyloid d a higher decoded SUVR; on the reconstruction-error fallback a positive d means larger
/// errors. S. Kumar, Y. Qiu, A. Sotiras, "mmSIVAE", 2026, arXiv 2602.08077, §4.4.
/// </remarks>
public static class LatentToRegionMapping
{
    /// <summary>The mapping for the run <see cref="FigureRun"/> picks (<paramref name="options"/>' method, else mmSIVAE (MoPoE)).</summary>
    public static LatentToRegionMappingResult Run(GridResult grid, ExperimentData data, LatentToRegionOptions? options = null) =>
        Run(FigureRun.Select(grid, options?.MethodKey), data, options);

    /// <summary>The mapping of one trained and scored model.</summary>
    public static LatentToRegionMappingResult Run(ModelEvaluation run, ExperimentData data, LatentToRegionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(data);
        options ??= new LatentToRegionOptions();
        if (!(options.SelectionThreshold >= 0))
            throw new ArgumentOutOfRangeException(nameof(options), options.SelectionThreshold, "SelectionThreshold must be >= 0.");
        if (!(options.FdrLevel > 0 && options.FdrLevel < 1))
            throw new ArgumentOutOfRangeException(nameof(options), options.FdrLevel, "FdrLevel must lie in (0, 1).");

        var dimensions = LatentDimensions(run.Patients.Deviations.LatentZ, ClinicalStages.Of(data, run.Patients.Scores.SubjectIds), options.SelectionThreshold);
        int[] selected = dimensions.Where(d => d.Selected).Select(d => d.Dimension).ToArray();
        var (tables, source, note) = selected.Length > 0
            ? (DecodedDeviations(run, data, selected), RegionalDeviationSource.DecodedSelectedLatents,
               $"Regional deviations decoded from dimension(s) {string.Join(", ", selected)} alone, z-scored against the training controls' decodings.")
            : (ErrorDeviations(run, data), RegionalDeviationSource.ReconstructionErrorZ,
               "Fallback: the reconstruction-error z-scores Z_mf (all latent dimensions) are used for the regional contrasts.");
        var contrasts = tables.SelectMany(t => ClinicalStages.Patients.Select(stage => Contrast(t, stage, options.FdrLevel))).ToArray();
        return new LatentToRegionMappingResult(run.Method.Label, run.Method.Key, run.LatentDim, run.Seed, options.SelectionThreshold,
            options.FdrLevel, dimensions, selected, source, note, contrasts)
        {
            SubjectDeviations = tables,
        };
    }

    /// <summary>
    /// Decodes <paramref name="latent"/> [n, d] with only <paramref name="selectedDimensions"/> (1-based) kept and
    /// every other dimension and every covariate set to 0; returns per modality the decoder means [n, p_m].
    /// Runs under no_grad in eval mode and restores the model's mode.
    /// </summary>
    public static IReadOnlyList<double[,]> DecodeSelected(MultimodalVae model, double[,] latent, IReadOnlyList<int> selectedDimensions)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(latent);
        ArgumentNullException.ThrowIfNull(selectedDimensions);
        int n = latent.GetLength(0), d = latent.GetLength(1);
        if (d != model.LatentDim)
            throw new ArgumentException($"The latents have {d} columns but the model's latent size is {model.LatentDim}.", nameof(latent));
        var keep = new bool[d];
        foreach (int k in selectedDimensions)
        {
            if (k < 1 || k > d) throw new ArgumentOutOfRangeException(nameof(selectedDimensions), k, $"Dimensions are 1-based and at most {d}.");
            keep[k - 1] = true;
        }
        var values = new float[n * d];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < d; k++) values[i * d + k] = keep[k] ? (float)latent[i, k] : 0f;

        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var z = tensor(values, [n, d], ScalarType.Float32).to(model.Device);
            var covariates = zeros([n, model.Spec.CovariateCount], ScalarType.Float32, model.Device);
            return model.Decode(z, covariates).Select(ToArray).ToArray();
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    private static LatentDimensionDeviation[] LatentDimensions(double[,] latentZ, IReadOnlyList<ClinicalStage> stages, double threshold)
    {
        int n = latentZ.GetLength(0), d = latentZ.GetLength(1);
        double MeanAbs(int k, IReadOnlyList<int> rows) => rows.Average(i => Math.Abs(latentZ[i, k]));
        var all = Enumerable.Range(0, n).ToArray();
        return Enumerable.Range(0, d).Select(k =>
        {
            double mean = MeanAbs(k, all);
            var perStage = ClinicalStages.Patients.Select(s =>
            {
                var rows = ClinicalStages.RowsOf(stages, s);
                return new StageLatentDeviation(s, rows.Length, rows.Length == 0 ? null : MeanAbs(k, rows));
            }).ToArray();
            return new LatentDimensionDeviation(k + 1, mean, perStage, mean > threshold);
        }).ToArray();
    }

    /// <summary>The three scored groups in the row order of every deviation table.</summary>
    private static (GroupEvaluation Group, Split Split)[] GroupsOf(ModelEvaluation run) =>
        [(run.TrainControls, Split.Train), (run.Holdout, Split.Holdout), (run.Patients, Split.Test)];

    private static RegionalDeviationTable[] DecodedDeviations(ModelEvaluation run, ExperimentData data, IReadOnlyList<int> selected)
    {
        var groups = GroupsOf(run);
        var decoded = groups.Select(g => DecodeSelected(run.Model, g.Group.Scores.Latent, selected)).ToArray();
        var modalities = run.TrainControls.Scores.ModalityNames;
        return modalities.Select((modality, m) =>
        {
            var training = decoded[0][m];
            RequireVarying(training, modality, data.Regions(modality));
            var reference = ZScoreReference.Fit(training, run.Reference.Conventions.ZScoreDdof);
            return Table(data, modality, groups, decoded.Select(g => reference.Transform(g[m])).ToArray());
        }).ToArray();
    }

    /// <summary>The fallback: Z_mf of the reconstruction errors, split back into modalities.</summary>
    private static RegionalDeviationTable[] ErrorDeviations(ModelEvaluation run, ExperimentData data)
    {
        var groups = GroupsOf(run);
        var modalities = run.TrainControls.Scores.ModalityNames;
        var tables = new RegionalDeviationTable[modalities.Count];
        int offset = 0;
        for (int m = 0; m < modalities.Count; m++)
        {
            int p = run.TrainControls.Scores.Errors[m].GetLength(1);
            int start = offset;
            tables[m] = Table(data, modalities[m], groups, groups.Select(g => Columns(g.Group.Deviations.FeatureZ, start, p)).ToArray());
            offset += p;
        }
        return tables;
    }

    private static RegionalDeviationTable Table(ExperimentData data, string modality, (GroupEvaluation Group, Split Split)[] groups, double[][,] values)
    {
        var regions = data.Regions(modality).Ids.ToArray();
        int total = values.Sum(v => v.GetLength(0));
        var stacked = new double[total, regions.Length];
        var ids = new List<string>(total);
        var splits = new List<Split>(total);
        int row = 0;
        for (int g = 0; g < groups.Length; g++)
        {
            if (values[g].GetLength(1) != regions.Length)
                throw new ArgumentException($"Modality '{modality}' has {values[g].GetLength(1)} deviation columns but the cohort lists {regions.Length} regions.");
            for (int i = 0; i < values[g].GetLength(0); i++, row++)
                for (int j = 0; j < regions.Length; j++) stacked[row, j] = values[g][i, j];
            ids.AddRange(groups[g].Group.Scores.SubjectIds);
            splits.AddRange(Enumerable.Repeat(groups[g].Split, values[g].GetLength(0)));
        }
        return new RegionalDeviationTable(modality, regions, ids, splits, ClinicalStages.Of(data, ids), stacked);
    }

    /// <summary>Cohen's d, Welch's t and BH q of every region: <paramref name="stage"/> vs the held-out controls.</summary>
    private static StageContrast Contrast(RegionalDeviationTable table, ClinicalStage stage, double fdrLevel)
    {
        var controls = table.HoldoutRows;
        var patients = table.PatientRows(stage);
        if (patients.Length < 2 || controls.Length < 2)
            return new StageContrast(table.Modality, stage, patients.Length, controls.Length, 0,
                $"{patients.Length} {ClinicalStages.Label(stage)} subject(s) and {controls.Length} held-out control(s); the contrast needs at least 2 in each.", []);
        var tests = Enumerable.Range(0, table.RegionIds.Count).Select(j =>
        {
            var a = table.Column(j, patients);
            var b = table.Column(j, controls);
            return (D: CohensD.Compute(a, b), Welch: WelchTTest.Compute(a, b));
        }).ToArray();
        var fdr = BenjaminiHochberg.Adjust(tests.Select(t => t.Welch.PValue).ToArray(), fdrLevel);
        var regions = tests.Select((t, j) => new RegionContrast(table.RegionIds[j], t.D, t.Welch.T, t.Welch.DegreesOfFreedom,
            t.Welch.PValue, fdr.AdjustedPValues[j], fdr.Rejected[j])).ToArray();
        return new StageContrast(table.Modality, stage, patients.Length, controls.Length, regions.Count(r => r.Significant), null, regions);
    }

    private static void RequireVarying(double[,] training, string modality, RegionSet regions)
    {
        for (int j = 0; j < training.GetLength(1); j++)
        {
            double first = training[0, j];
            bool constant = true;
            for (int i = 1; i < training.GetLength(0) && constant; i++) constant = training[i, j] == first;
            if (constant)
                throw new InvalidOperationException(
                    $"The decoding of region '{regions.Regions[j].Id}' ({modality}) from the selected latent dimensions is the same for every training control; its z-score is undefined (the decoder ignores those dimensions there).");
        }
    }

    private static double[,] Columns(double[,] source, int start, int count)
    {
        var result = new double[source.GetLength(0), count];
        for (int i = 0; i < source.GetLength(0); i++)
            for (int j = 0; j < count; j++) result[i, j] = source[i, start + j];
        return result;
    }

    private static double[,] ToArray(Tensor t)
    {
        var values = t.to_type(ScalarType.Float64).cpu().data<double>().ToArray();
        int rows = (int)t.shape[0], columns = (int)t.shape[1];
        var result = new double[rows, columns];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) result[i, j] = values[i * columns + j];
        return result;
    }
}
