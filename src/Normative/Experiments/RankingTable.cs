using Normative.Ranking;

namespace Normative.Experiments;

/// <summary>Builds the ranking tables (<see cref="RankingTableResult"/>) from a grid run.</summary>
public static class RankingTable
{
    /// <summary>The method every model is also compared with at the same latent size (the paper's proposed model).</summary>
    public const string ProposedMethodKey = "mmsivae-mopoe";

    /// <summary>Every method (and the baseline) x latent size x space x stage of <paramref name="grid"/>.</summary>
    public static RankingTableResult Run(GridResult grid, ExperimentData data, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(data);
        bootstrap ??= new BootstrapOptions();
        var stages = ClinicalStages.Of(data, data.Patients.SubjectIds);
        var groups = new List<(string Code, int[] Rows)> { (RankingTableResult.AllPatients, Enumerable.Range(0, stages.Length).ToArray()) };
        groups.AddRange(ClinicalStages.Patients.Select(s => (ClinicalStages.Code(s), ClinicalStages.RowsOf(stages, s))).Where(g => g.Item2.Length > 0));

        var inputs = new List<RankingInputs>();
        var baseline = grid.Baseline is { } b ? RankingInputs.Of(b) : null;
        if (baseline is not null) inputs.Add(baseline);
        foreach (var method in grid.Options.Methods)
            foreach (int d in grid.Options.LatentSizes)
                foreach (var space in new[] { DeviationSpace.Latent, DeviationSpace.Feature })
                    inputs.Add(RankingInputs.Of(method, d, space, grid.RunsOf(method, d)));

        // The work in table order; each row and comparison is computed on its own (its bootstrap replicates come from the
        // options' seed, drawn once per pair of group sizes and shared), so running them in parallel changes no number.
        var rowWork = new List<(RankingInputs Input, string Stage, int[] Rows)>();
        var comparisonWork = new List<(RankingInputs Input, RankingInputs Reference, string Stage, int[] Rows)>();
        foreach (var input in inputs)
            foreach (var (code, patientRows) in groups)
            {
                rowWork.Add((input, code, patientRows));
                if (input.LatentDim is not { } d) continue;
                if (baseline is not null)
                    comparisonWork.Add((input, baseline, code, patientRows));
                var proposed = inputs.FirstOrDefault(x => x.Method.Key == ProposedMethodKey && x.LatentDim == d && x.Space == input.Space);
                if (proposed is not null && proposed != input)
                    comparisonWork.Add((input, proposed, code, patientRows));
            }
        bootstrap.Validate();
        var replicates = new BootstrapReplicates.Cache(bootstrap);
        var rows = new RankingRow[rowWork.Count];
        var comparisons = new RankingComparison[comparisonWork.Count];
        DeterministicParallel.For(rows.Length + comparisons.Length, i =>
        {
            if (i < rows.Length)
            {
                var (input, stage, patientRows) = rowWork[i];
                rows[i] = Row(input, stage, patientRows, bootstrap, replicates);
            }
            else
            {
                var (input, reference, stage, patientRows) = comparisonWork[i - rows.Length];
                comparisons[i - rows.Length] = Compare(input, reference, stage, patientRows, bootstrap, replicates);
            }
        });
        return new RankingTableResult(bootstrap, grid.Options.Conventions.Outliers.Alpha, rows, comparisons);
    }

    private static RankingRow Row(RankingInputs input, string stage, int[] patientRows, BootstrapOptions bootstrap, BootstrapReplicates.Cache replicates)
    {
        var scores = input.Scores(patientRows);
        double Tpr(double alpha) => Enumerable.Range(0, input.Seeds)
            .Average(s => FixedFalsePositiveRate.TruePositiveRate(scores.Controls[s], scores.Patients[s], alpha));
        var patientFlags = input.PatientFlags.Select(f => patientRows.Select(i => f[i]).ToArray()).ToArray();
        return new RankingRow(input.Method.Label, input.Method.Key, input.Method.Family, input.LatentDim, input.Space, stage,
            input.ReferenceControlsName, input.Seeds, Discrimination.Compute(scores, bootstrap, replicates.For(scores.ControlCount, scores.PatientCount)), Tpr(0.01), Tpr(0.05),
            PooledLikelihoodRatio.Of(patientFlags, input.HoldoutFlags, bootstrap.Level),
            input.CalibrationFlags is { } c ? PooledLikelihoodRatio.Of(patientFlags, c, bootstrap.Level) : null);
    }

    private static RankingComparison Compare(RankingInputs input, RankingInputs reference, string stage, int[] patientRows, BootstrapOptions bootstrap,
        BootstrapReplicates.Cache replicates)
    {
        var (method, other) = (input.Scores(patientRows), reference.Scores(patientRows));
        return new(input.Method.Label, input.Method.Key, input.LatentDim!.Value, input.Space, stage, reference.Method.Label, reference.Method.Key, reference.Space,
            method.ControlCount == other.ControlCount
                ? PairedAurocDifference.Compute(method, other, bootstrap, replicates.For(method.ControlCount, method.PatientCount))
                : PairedAurocDifference.Compute(method, other, bootstrap));
    }
}
