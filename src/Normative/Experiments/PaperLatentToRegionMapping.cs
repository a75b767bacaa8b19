using System.Globalization;
using Normative.Data;
using Normative.Deviation;

namespace Normative.Experiments;

/// <summary>
/// The paper's latent-to-region mapping (§4.4, Fig 5), kept for comparison (<c>--mapping paper</c>):
/// Z_ml,ij = (z_ij - mu_i^norm) / sigma_i^norm (Eq. 14) against the training controls; dimensions with
/// mean_j |Z_ml,ij| &gt; 1.96 over all patients are selected; every subject's latent is decoded with the other
/// dimensions and the covariates set to 0, x̂' = g(z', c = 0); each region's decoded value is z-scored against
/// the training controls' decodings; each patient stage is compared with the held-out controls region by region
/// (Cohen's d, Welch t-test, Benjamini-Hochberg within modality x stage). With no selected dimension it falls
/// back to Z_mf, as the authors' released code does.
/// </summary>
/// <remarks>
/// Why it is not the default (<see cref="LatentToRegionMapping"/>): mean |Z| has null mean 0.80, not 0, so
/// "&gt; 1.96" is not a test; pooling all patients lets the early, MRI-silent ones choose the dimensions; 0 is
/// the prior's mean, not the controls', and an all-zero covariate one-hot was never seen in training; and d of
/// re-z-scored decodings gives every region a shifted dimension drives about the latent effect size.
/// Sign: d = stage minus control. S. Kumar, Y. Qiu, A. Sotiras, "mmSIVAE", 2026, arXiv 2602.08077, §4.4.
/// </remarks>
public static class PaperLatentToRegionMapping
{
    /// <summary>The paper's selection threshold on mean |Z_ml| (two-sided p &lt; 0.05 for one z).</summary>
    public const double DefaultThreshold = 1.96;

    /// <summary>The paper's mapping of one trained and scored model.</summary>
    public static LatentToRegionMappingResult Run(ModelEvaluation run, ExperimentData data, LatentToRegionOptions options)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var dimensions = LatentToRegionMapping.DescribeDimensions(run.Patients.Deviations.LatentZ, ClinicalStages.Of(data, run.Patients.Scores.SubjectIds), options.SelectionThreshold);
        int[] selected = dimensions.Where(d => d.Selected).Select(d => d.Dimension).ToArray();
        var (tables, source, note) = selected.Length > 0
            ? (DecodedDeviations(run, data, selected), RegionalDeviationSource.DecodedSelectedLatents,
               $"Paper's procedure: regional deviations decoded from dimension(s) {string.Join(", ", selected)} alone (other dimensions and covariates at 0), z-scored against the training controls' decodings; effect = Cohen's d vs held-out controls.")
            : (ErrorDeviations(run, data), RegionalDeviationSource.ReconstructionErrorZ,
               string.Create(CultureInfo.InvariantCulture, $"Paper's procedure: no dimension has mean abs Z_ml > {options.SelectionThreshold}; fallback to the reconstruction-error z-scores Z_mf (all latent dimensions); effect = Cohen's d vs held-out controls."));
        var effects = tables.SelectMany(t => ClinicalStages.Patients.Select(stage => Contrast(t, stage, selected, options.FdrLevel))).ToArray();
        return new LatentToRegionMappingResult(MappingProcedure.Paper, run.Method.Label, run.Method.Key, run.LatentDim, run.Seed,
            options.FdrLevel, "Cohen's d", dimensions, [], options.SelectionThreshold, selected, source, note, effects)
        {
            SubjectDeviations = tables,
        };
    }

    /// <summary>The three scored groups in the row order of every deviation table.</summary>
    private static (GroupEvaluation Group, Split Split)[] GroupsOf(ModelEvaluation run) =>
        [(run.TrainControls, Split.Train), (run.Holdout, Split.Holdout), (run.Patients, Split.Test)];

    private static RegionalDeviationTable[] DecodedDeviations(ModelEvaluation run, ExperimentData data, IReadOnlyList<int> selected)
    {
        var groups = GroupsOf(run);
        var decoded = groups.Select(g => LatentDecoding.ZeroingOthers(run.Model, g.Group.Scores.Latent, selected)).ToArray();
        var modalities = run.TrainControls.Scores.ModalityNames;
        return modalities.Select((modality, m) =>
        {
            // A region the decoder does not move with these dimensions has constant decodings: ZScoreReference names it.
            var reference = ZScoreReference.Fit(decoded[0][m], run.Reference.Conventions.ZScoreDdof);
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
            tables[m] = Table(data, modalities[m], groups, groups.Select(g => ArrayInput.Submatrix(g.Group.Deviations.FeatureZ, rows: null, Enumerable.Range(start, p).ToArray())).ToArray());
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
    private static StageRegionEffects Contrast(RegionalDeviationTable table, ClinicalStage stage, IReadOnlyList<int> selected, double fdrLevel)
    {
        var controls = table.HoldoutRows;
        var patients = table.PatientRows(stage);
        if (patients.Length < 2 || controls.Length < 2)
            return new StageRegionEffects(table.Modality, stage, patients.Length, controls.Length, selected,
                $"{patients.Length} {ClinicalStages.Label(stage)} subject(s) and {controls.Length} held-out control(s); the contrast needs at least 2 in each.", []);
        var tests = Enumerable.Range(0, table.RegionIds.Count).Select(j =>
        {
            var a = table.Column(j, patients);
            var b = table.Column(j, controls);
            return (D: CohensD.Compute(a, b), Welch: WelchTTest.Compute(a, b));
        }).ToArray();
        var fdr = BenjaminiHochberg.Adjust(tests.Select(t => t.Welch.PValue).ToArray(), fdrLevel);
        var regions = tests.Select((t, j) => new RegionEffect(table.RegionIds[j], t.D, null, null, t.Welch.T,
            t.Welch.PValue, fdr.AdjustedPValues[j], fdr.Rejected[j])).ToArray();
        return new StageRegionEffects(table.Modality, stage, patients.Length, controls.Length, selected, null, regions);
    }
}
