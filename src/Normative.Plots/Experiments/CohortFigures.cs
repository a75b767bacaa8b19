using Normative.Data;
using Normative.Experiments;

namespace Normative.Plots;

/// <summary>Figures of a cohort before any model is trained: what the data look like by clinical stage.</summary>
public static class CohortFigures
{
    private static readonly ClinicalStage[] StageOrder =
        [ClinicalStage.Control, ClinicalStage.Preclinical, ClinicalStage.Cdr05, ClinicalStage.Cdr1Plus, ClinicalStage.AmyloidNegativeImpaired];

    /// <summary>
    /// Raw values of the named regions by clinical stage (one panel each), then ADAS13 by stage when
    /// <paramref name="includeAdas13"/> and any subject has it. Subjects without the modality (or score) are left out of that panel.
    /// </summary>
    /// <param name="cohort">The cohort.</param>
    /// <param name="regions">(modality, region id) pairs, e.g. ("mri", "Left-Hippocampus"), ("amyloid", "lh_precuneus").</param>
    /// <param name="includeAdas13">Add a panel of ADAS13 (cognition) by stage.</param>
    /// <param name="renderer">PNG renderer; default <see cref="PngRenderer.Shared"/>.</param>
    public static FigureBundle ByStage(Cohort cohort, IReadOnlyList<(string Modality, string Region)> regions, bool includeAdas13 = true, PngRenderer? renderer = null)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(regions);
        var stages = StageOrder.Where(stage => cohort.Subjects.Any(s => s.Stage == stage)).ToArray();
        var panels = new List<StageValues>();
        foreach (var (modality, region) in regions)
        {
            var table = cohort.Modality(modality);
            int column = table.Regions.IndexOf(region);
            if (column < 0)
                throw new ArgumentException($"Modality '{modality}' of cohort '{cohort.Name}' has no region '{region}'.", nameof(regions));
            string unit = table.Entry.Unit == ModalityUnit.Mm3 ? "volume (mm³)" : "SUVR";
            panels.Add(Panel($"{modality}: {region}", unit, stages, stage => cohort.Rows(s => s.Stage == stage).Select(i => table.Row(i)?[column])));
        }
        if (includeAdas13 && cohort.Subjects.Any(s => s.Adas13 is not null))
            panels.Add(Panel("ADAS13 (cognition)", "ADAS-Cog 13 total", stages, stage => cohort.Subjects.Where(s => s.Stage == stage).Select(s => s.Adas13)));
        return StageDistributionFigure.Build(panels, renderer: renderer);
    }

    private static StageValues Panel(string title, string axis, ClinicalStage[] stages, Func<ClinicalStage, IEnumerable<double?>> values) =>
        new(title, axis, stages.Select(ClinicalStages.Label).ToArray(),
            stages.Select(stage => (IReadOnlyList<double>)values(stage).OfType<double>().ToArray()).ToArray());
}
