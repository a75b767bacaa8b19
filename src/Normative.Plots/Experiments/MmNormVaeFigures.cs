using Normative.Data;
using Normative.Experiments.MmNormVae;

namespace Normative.Plots;

/// <summary>The mmNormVAE experiment's figures: deviation maps and frequency of significance per site handling (both models
/// side by side, one panel per group), and the ADAS13 correlations with their intervals.</summary>
public static class MmNormVaeFigures
{
    private static readonly string[] Panels = [MmNormVaeResult.ClinicalControls, "preclinical", "cdr05", "cdr1plus"];

    /// <summary>The regions of the experiment's three feature sets, in table order, with their lobe for the axis.</summary>
    public static IReadOnlyList<RegionLabel> Regions(MmNormVaeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var first = result.Regions.Where(r => r.Handling == result.Handlings[0] && r.Method == result.Methods[0] && r.Seed == result.Seeds[0] && r.Group == Panels[^1]);
        return first.Select(r => new RegionLabel(r.Region, Lobe(RegionCatalogue.Default.Get(r.Region)))).ToArray();
    }

    /// <summary>Lobe for cortex; aseg structures and hippocampal subfields as their own groups.</summary>
    private static string Lobe(Region region) => region.Type switch
    {
        RegionType.Cortical => region.Lobe,
        RegionType.Subcortical => "subcortical",
        RegionType.HippocampalSubfield => "hippocampal subfields",
        _ => throw new ArgumentOutOfRangeException(nameof(region), region.Type, null),
    };

    /// <summary>Mean deviation (or frequency) per region for every model and panel group of one handling (first seed).</summary>
    public static FigureBundle RegionalValues(MmNormVaeResult result, string handling, bool frequency, PngRenderer? renderer = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var regions = Regions(result);
        int seed = result.Seeds[0];
        var series = new List<GroupRegionalValues>();
        foreach (var group in Panels)
            foreach (var method in result.Methods)
            {
                var rows = result.Regions.Where(r => r.Handling == handling && r.Method == method && r.Seed == seed && r.Group == group).ToDictionary(r => r.Region);
                if (rows.Count == 0) continue;
                series.Add(new GroupRegionalValues(method, group, regions.Select(r => frequency ? rows[r.Name].FrequencyFdr : rows[r.Name].MeanDeviation).ToArray()));
            }
        return frequency
            ? RegionalGroupFigure.Build($"Frequency of significance per region (p < {result.Alpha:0.##}, FDR across each subject's regions), site handling '{handling}'",
                "fraction of subjects", regions, series, renderer: renderer)
            : RegionalGroupFigure.Build($"Mean regional deviation by group, site handling '{handling}'", "mean deviation (z)", regions, series, reference: 0, renderer: renderer);
    }

    /// <summary>Pearson r with ADAS13 and Fisher 95 % intervals, every handling, model and deviation (first seed).</summary>
    public static FigureBundle Cognition(MmNormVaeResult result, PngRenderer? renderer = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        int seed = result.Seeds[0];
        var rows = result.Cognition.Where(c => c.Seed == seed)
            .Select(c => new CorrelationInterval($"{c.Handling} · {c.Deviation} · {c.Method}", c.Method, c.R, c.Lower, c.Upper)).ToArray();
        return CorrelationIntervalFigure.Build("Correlation of deviations with ADAS13 among patients (Pearson r, 95 % CI)", "Pearson r", rows, renderer);
    }

    public static IEnumerable<(string Name, string Caption, Func<FigureBundle> Build)> Of(MmNormVaeResult result, PngRenderer? renderer = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var handling in result.Handlings)
        {
            yield return ($"mmnormvae-deviation-{handling}", $"Mean regional deviation by group ({handling})", () => RegionalValues(result, handling, frequency: false, renderer));
            yield return ($"mmnormvae-frequency-{handling}", $"Frequency of significance, FDR ({handling})", () => RegionalValues(result, handling, frequency: true, renderer));
        }
        if (result.Cognition.Count > 0)
            yield return ("mmnormvae-adas13", "Correlation with ADAS13 (Pearson r, 95 % CI)", () => Cognition(result, renderer));
    }

    /// <summary>Writes the figures into <paramref name="folder"/> (HTML, and PNG where Chromium renders).</summary>
    public static WrittenFigures Write(MmNormVaeResult result, string folder, PngRenderer? renderer = null, Action<string>? log = null)
    {
        renderer ??= PngRenderer.Shared;
        return ReproductionFigures.WriteAll(Of(result, renderer), folder, renderer, log);
    }
}
