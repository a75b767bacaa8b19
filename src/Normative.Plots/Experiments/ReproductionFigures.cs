using Normative.Experiments;

namespace Normative.Plots;

/// <summary>Draws every figure of a reproduction into its results folder as offline HTML, and as PNG where Chromium is (design §8).</summary>
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

    /// <summary>
    /// Writes each figure as <c>name.html</c> (interactive, plotly.js inlined) and, where Chromium is
    /// available, <c>name.png</c>. Never fails for want of a PNG: without Chromium, or when the browser
    /// fails, the HTML is still written and the result carries one line saying why and how to get PNGs.
    /// </summary>
    public static WrittenFigures Write(ReproductionResult result, string folder, PngRenderer? renderer = null, Action<string>? log = null)
    {
        renderer ??= PngRenderer.Shared;
        return WriteAll(Of(result, renderer), folder, renderer, log);
    }

    /// <summary>Writes <paramref name="figuresToDraw"/> as <see cref="Write(ReproductionResult, string, PngRenderer?, Action{string}?)"/> does
    /// (HTML always, PNG where Chromium renders); the one home of that policy for every experiment's figures.</summary>
    public static WrittenFigures WriteAll(IEnumerable<(string Name, string Caption, Func<FigureBundle> Build)> figuresToDraw, string folder,
        PngRenderer? renderer = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(figuresToDraw);
        renderer ??= PngRenderer.Shared;
        Directory.CreateDirectory(folder);
        string? pngProblem = renderer.IsAvailable ? null : $"Chromium was not found at '{renderer.ChromiumPath}'";
        var figures = new List<(string Name, string Caption, bool HasPng)>();
        foreach (var (name, caption, build) in figuresToDraw)
        {
            log?.Invoke($"Drawing {name}.");
            var figure = build();
            figure.SaveHtml(Path.Combine(folder, name + ".html"));
            bool hasPng = false;
            if (pngProblem is null)
            {
                try
                {
                    figure.SavePng(Path.Combine(folder, name + ".png"));
                    hasPng = true;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A browser that is there but cannot render must not cost the run its results: keep the HTML, say why once.
                    pngProblem = $"rendering with Chromium at '{renderer.ChromiumPath}' failed ({FirstLine(e.Message)})";
                }
            }
            figures.Add((name, caption, hasPng));
        }
        string? note = pngProblem is null ? null
            : $"{(figures.Any(f => f.HasPng) ? "Some figures are" : "Figures are")} interactive HTML only, without PNG: {pngProblem}. " +
              $"To get PNGs, {ChromiumNotFoundException.InstallHint}";
        var lines = new List<string> { "## Figures", "" };
        if (note is not null)
            lines.AddRange([$"> {note}", ""]);
        foreach (var (name, caption, hasPng) in figures)
        {
            lines.Add($"### {caption}");
            lines.Add("");
            lines.Add(hasPng
                ? $"![{caption}](figures/{name}.png) ([interactive](figures/{name}.html))"
                : $"[{caption} (interactive HTML)](figures/{name}.html)");
            lines.Add("");
        }
        return new WrittenFigures(string.Join("\n", lines), [.. figures.Select(f => f.Name)], figures.Count(f => f.HasPng), note);
    }

    private static string FirstLine(string text)
    {
        int end = text.IndexOfAny(['\r', '\n']);
        return (end < 0 ? text : text[..end]).Trim();
    }
}
