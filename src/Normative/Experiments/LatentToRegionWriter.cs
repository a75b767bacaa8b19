using System.Globalization;

namespace Normative.Experiments;

/// <summary>The Markdown summary and the files of a <see cref="LatentToRegionMappingResult"/>.</summary>
public static class LatentToRegionWriter
{
    /// <summary>How many regions per modality x stage the Markdown summary lists (largest |effect| first).</summary>
    public const int TopRegions = 3;

    /// <summary>
    /// The dimension selection (per stage for the corrected procedure; the mean |Z_ml| table for the paper's) and per
    /// modality x stage the number of FDR-significant regions and the largest effects.
    /// </summary>
    public static string Markdown(LatentToRegionMappingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var lines = new List<string>
        {
            $"Latent-to-region mapping of {result.Method}, d = {result.LatentDim}, seed {result.Seed} ({(result.Procedure == MappingProcedure.Corrected ? "corrected procedure" : "the paper's procedure")}). {result.Note}",
            "",
        };
        if (result.Procedure == MappingProcedure.Corrected)
        {
            lines.Add(Invariant($"| Stage | n | held-out controls | Selected dimensions (Welch t vs controls, BH q < {result.FdrLevel}) |"));
            lines.Add("|---|---:|---:|---|");
            foreach (var s in result.Selections)
                lines.Add($"| {ClinicalStages.Label(s.Stage)} | {s.Subjects} | {s.Controls} | {s.SkippedReason ?? (s.SelectedDimensions.Count == 0 ? "none" : string.Join(", ", s.SelectedDimensions))} |");
        }
        else
        {
            lines.Add("| Dimension | mean abs Z_ml (all patients) | " + string.Join(" | ", ClinicalStages.Patients.Select(ClinicalStages.Label)) + " | Selected |");
            lines.Add("|---:|---:|" + string.Concat(ClinicalStages.Patients.Select(_ => "---:|")) + "---|");
            foreach (var d in result.Dimensions)
            {
                var stages = ClinicalStages.Patients.Select(s => d.Stages.FirstOrDefault(x => x.Stage == s)?.MeanAbsoluteZ is { } v ? ResultFiles.Short(v) : "—");
                lines.Add($"| {d.Dimension} | {ResultFiles.Short(d.MeanAbsoluteZ)} | " + string.Join(" | ", stages) + $" | {(d.Selected ? "yes" : "")} |");
            }
        }
        lines.Add("");
        lines.Add(Invariant($"| Modality | Stage | n | Significant regions (BH q < {result.FdrLevel}) | Largest effects ({result.EffectUnit}{(result.Procedure == MappingProcedure.Corrected ? ", 95 % CI" : "")}) |"));
        lines.Add("|---|---|---:|---:|---|");
        foreach (var e in result.Effects)
        {
            string largest = e.Regions.Count == 0 ? e.SkippedReason ?? "—"
                : string.Join("; ", e.Regions.OrderByDescending(r => Math.Abs(r.Effect)).Take(TopRegions).Select(Describe));
            lines.Add($"| {e.Modality} | {ClinicalStages.Label(e.Stage)} | {e.Subjects} | {e.SignificantRegions} of {e.Regions.Count} | {largest} |");
        }
        return string.Join("\n", lines);
    }

    /// <summary>
    /// Writes <c>latent_to_region.json</c>, <c>latent_to_region_dimensions.csv</c> (mean |Z_ml|),
    /// <c>latent_to_region_selection.csv</c> (per-stage dimension tests; header only for the paper's procedure),
    /// <c>latent_to_region_effects.csv</c> (one row per modality x stage x region) and <c>latent_to_region_subjects.csv</c>
    /// (one row per subject, one column per modality x region: <c>eff_</c> decoded effects, or the paper's <c>dec_</c> / <c>zmf_</c>).
    /// </summary>
    public static void Write(LatentToRegionMappingResult result, string folder)
    {
        ArgumentNullException.ThrowIfNull(result);
        ResultFiles.WriteJson(Path.Combine(folder, "latent_to_region.json"), result);
        var key = (IReadOnlyList<object?>)[result.MethodKey, result.LatentDim, result.Seed, Code(result.Procedure)];
        ResultFiles.WriteCsv(Path.Combine(folder, "latent_to_region_dimensions.csv"),
            ["method_key", "latent_dim", "seed", "procedure", "dimension", "stage", "subjects", "mean_abs_z", "selected_by_paper_rule"],
            result.Dimensions.SelectMany(d => d.Stages
                .Select(s => (IReadOnlyList<object?>)[.. key, d.Dimension, ClinicalStages.Code(s.Stage), s.Subjects, s.MeanAbsoluteZ, d.Selected])
                .Prepend([.. key, d.Dimension, "all", d.Stages.Sum(s => s.Subjects), d.MeanAbsoluteZ, d.Selected])));
        ResultFiles.WriteCsv(Path.Combine(folder, "latent_to_region_selection.csv"),
            ["method_key", "latent_dim", "seed", "procedure", "stage", "subjects", "controls", "dimension", "mean_difference", "t", "p", "q", "selected"],
            result.Selections.SelectMany(s => s.Dimensions.Select(d => (IReadOnlyList<object?>)
                [.. key, ClinicalStages.Code(s.Stage), s.Subjects, s.Controls, d.Dimension, d.MeanDifference, d.T, d.PValue, d.QValue, d.Selected])));
        ResultFiles.WriteCsv(Path.Combine(folder, "latent_to_region_effects.csv"),
            ["method_key", "latent_dim", "seed", "procedure", "unit", "modality", "stage", "region", "effect", "ci_lower", "ci_upper", "t", "p", "q", "significant"],
            result.Effects.SelectMany(e => e.Regions.Select(r => (IReadOnlyList<object?>)
                [.. key, result.EffectUnit, e.Modality, ClinicalStages.Code(e.Stage), r.Region, r.Effect, r.CiLower, r.CiUpper, r.T, r.PValue, r.QValue, r.Significant])));
        WriteSubjects(result, Path.Combine(folder, "latent_to_region_subjects.csv"));
    }

    /// <summary>The procedure as written in files: corrected, paper.</summary>
    public static string Code(MappingProcedure procedure) => procedure switch
    {
        MappingProcedure.Corrected => "corrected",
        MappingProcedure.Paper => "paper",
        _ => throw new ArgumentOutOfRangeException(nameof(procedure), procedure, "Unknown mapping procedure."),
    };

    private static string Describe(RegionEffect r) =>
        r.CiLower is { } low && r.CiUpper is { } high
            ? $"{r.Region} {ResultFiles.Short(r.Effect)} [{ResultFiles.Short(low)}, {ResultFiles.Short(high)}]"
            : $"{r.Region} {ResultFiles.Short(r.Effect)}";

    private static void WriteSubjects(LatentToRegionMappingResult result, string path)
    {
        var tables = result.SubjectDeviations;
        if (tables.Count == 0) return;
        string prefix = result.Procedure == MappingProcedure.Corrected ? "eff"
            : result.Source == RegionalDeviationSource.DecodedSelectedLatents ? "dec" : "zmf";
        var first = tables[0];
        var header = new List<string> { "subject_id", "split", "stage" };
        header.AddRange(tables.SelectMany(t => t.RegionIds.Select(r => $"{prefix}_{t.Modality}_{r}")));
        ResultFiles.WriteCsv(path, header, Enumerable.Range(0, first.SubjectIds.Count).Select(i =>
        {
            var row = new List<object?> { first.SubjectIds[i], first.Splits[i].ToString().ToLowerInvariant(), ClinicalStages.Code(first.Stages[i]) };
            foreach (var table in tables)
                for (int j = 0; j < table.RegionIds.Count; j++) row.Add(table.Values[i, j]);
            return (IReadOnlyList<object?>)row;
        }));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
