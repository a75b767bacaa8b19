using Normative.Experiments;

namespace Normative.Plots;

/// <summary>Draws every figure of a reproduction into its results folder as offline HTML and PNG (design §8).</summary>
public static class ReproductionFigures
{
    /// <summary>The figures of <paramref name="result"/>, by file name (without extension).</summary>
    public static IEnumerable<(string Name, string Caption, Func<FigureBundle> Build)> Of(ReproductionResult result, PngRenderer? renderer = null)
    {
        var e = result.Experiments;
        var data = result.Data;
        yield return ("table1-likelihood-ratios", "Table 1 as a chart: LR+ per method and latent size, every seed drawn", () => ExperimentFigures.Table1Chart(e.Table1, renderer));
        yield return ("fig3-control-reconstruction", "Fig 3: held-out-control reconstruction error per region", () => ExperimentFigures.ControlReconstruction(e.ControlReconstruction, data, renderer: renderer));
        yield return ("fig4-deviation-histograms", "Fig 4: D_mf of held-out controls and patients, EMD per panel", () => ExperimentFigures.DeviationHistograms(e.DeviationHistograms, DeviationSpace.Feature, renderer));
        yield return ("fig5a-latent-deviation", "Fig 5 A: mean |Z_ml| per latent dimension", () => ExperimentFigures.LatentDeviation(e.LatentToRegion, renderer));
        yield return ("fig5b-regional-effects", "Fig 5 B: signed regional effect per region and stage (FDR-masked)", () => ExperimentFigures.RegionalEffects(e.LatentToRegion, data, renderer));
        if (e.Cognition is not null)
            yield return ("cognition-adas13", "D_ml against ADAS13", () => ExperimentFigures.Cognition(e.Cognition, e.DeviationHistograms, data, renderer: renderer));
        if (e.PlantedTruth is not null && e.PlantedTruth.Recovery.Any(r => r.Model?.Auroc is not null || r.Ceiling?.Auroc is not null))
            yield return ("planted-truth-roc", "Planted-region recovery (ROC), model and no-model ceiling", () => ExperimentFigures.PlantedTruth(e.PlantedTruth, renderer));
    }

    /// <summary>Writes each figure as <c>name.html</c> (interactive, plotly.js inlined) and <c>name.png</c>; returns the Markdown section listing them.</summary>
    public static string Write(ReproductionResult result, string folder, PngRenderer? renderer = null, Action<string>? log = null)
    {
        Directory.CreateDirectory(folder);
        var lines = new List<string> { "## Figures", "" };
        foreach (var (name, caption, build) in Of(result, renderer))
        {
            log?.Invoke($"Drawing {name}.");
            var figure = build();
            figure.SaveHtml(Path.Combine(folder, name + ".html"));
            figure.SavePng(Path.Combine(folder, name + ".png"));
            lines.Add($"### {caption}");
            lines.Add("");
            lines.Add($"![{caption}](figures/{name}.png) ([interactive](figures/{name}.html))");
            lines.Add("");
        }
        return string.Join("\n", lines);
    }
}
