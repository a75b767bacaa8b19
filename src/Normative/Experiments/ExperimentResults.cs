namespace Normative.Experiments;

/// <summary>
/// The results of every experiment of the paper on one grid run: Table 1, Fig 3, Fig 4, Fig 5, the
/// cognition association, and — on synthetic cohorts — the planted-truth validation; beside them the ranking tables
/// (AUROC / pAUC, TPR at fixed FPR, exact FPR, pooled LR+, paired ΔAUROC vs the no-model baseline; issues 15 and 21).
/// </summary>
public sealed record ExperimentResults(
    LikelihoodRatioTableResult Table1,
    ControlReconstructionResult ControlReconstruction,
    DeviationHistogramsResult DeviationHistograms,
    LatentToRegionMappingResult LatentToRegion,
    CognitionAssociationResult? Cognition,
    PlantedTruthValidationResult? PlantedTruth,
    RankingTableResult? Ranking = null)
{
    /// <summary>Runs every experiment on <paramref name="grid"/>. Cognition needs ADAS13 for at least
    /// <see cref="MinimumCognitionSubjects"/> patients, planted truth a synthetic cohort; otherwise they are null.</summary>
    /// <param name="mapping">Options of the latent-to-region mapping (procedure, FDR, bootstrap); null = the corrected default.</param>
    public static ExperimentResults Run(GridResult grid, ExperimentData data, LatentToRegionOptions? mapping = null)
    {
        var map = LatentToRegionMapping.Run(grid, data, mapping);
        int withAdas = data.Patients.SubjectIds.Count(id => data.Subject(id).Adas13 is not null);
        return new ExperimentResults(
            LikelihoodRatioTable.Run(grid),
            Experiments.ControlReconstruction.Run(grid, data),
            Experiments.DeviationHistograms.Run(grid, data),
            map,
            withAdas >= MinimumCognitionSubjects ? CognitionAssociation.Run(grid, data) : null,
            data.GroundTruth is null ? null : PlantedTruthValidation.Run(grid, data, map),
            RankingTable.Run(grid, data));
    }

    /// <summary>Patients with ADAS13 needed for the cognition association.</summary>
    public const int MinimumCognitionSubjects = 5;

    /// <summary>Writes every result's CSV and JSON into <paramref name="folder"/>.</summary>
    public void Write(string folder)
    {
        Table1.Write(folder);
        ControlReconstruction.Write(folder);
        DeviationHistograms.Write(folder);
        LatentToRegion.Write(folder);
        Cognition?.Write(folder);
        PlantedTruth?.Write(folder);
        Ranking?.Write(folder);
    }

    /// <summary>The Markdown sections of the report after Table 1, in the paper's order.</summary>
    public IEnumerable<(string Title, string Body)> ReportSections()
    {
        yield return ("Held-out-control reconstruction (Fig 3)", ControlReconstruction.ToMarkdown());
        yield return ("Feature-space deviation distributions (Fig 4)", DeviationHistograms.ToMarkdown());
        yield return ("Latent-to-region mapping (Fig 5)", LatentToRegion.ToMarkdown());
        if (Cognition is not null) yield return ("Association with cognition (ADAS13)", Cognition.ToMarkdown());
        if (PlantedTruth is not null) yield return ("Planted-truth validation (synthetic cohort)", PlantedTruth.ToMarkdown());
    }
}
