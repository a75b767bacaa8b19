using System.Net;
using System.Text;

namespace Normative.Plots;

/// <summary>
/// The paper's Table 1 as a formatted table: one row per method, block A (D_ml) and block B
/// (D_mf), one column per latent size, each cell "mean ± sd" over seeds (∞ when no held-out
/// control was an outlier). The best mean in each column is bold.
/// </summary>
/// <remarks>mmSIVAE Table 1: "Higher values indicate better detection of outlier AD patients."</remarks>
public static class LikelihoodRatioTableView
{
    private const string Missing = "—";

    /// <summary>Builds the table; either list may be empty (its block is left out), not both.</summary>
    /// <param name="latentDeviation">Cells of block A (from D_ml).</param>
    /// <param name="featureDeviation">Cells of block B (from D_mf).</param>
    /// <param name="decimals">Decimals shown. Range: 0 to 6.</param>
    public static TableBundle Build(IReadOnlyList<LikelihoodRatioSeedValues> latentDeviation, IReadOnlyList<LikelihoodRatioSeedValues> featureDeviation, int decimals = 2)
    {
        ArgumentNullException.ThrowIfNull(latentDeviation);
        ArgumentNullException.ThrowIfNull(featureDeviation);
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 6);
        var blocks = new List<Block>();
        if (latentDeviation.Count > 0)
            blocks.Add(Block.Of("A. D<sub>ml</sub>", "A. D_ml", latentDeviation));
        if (featureDeviation.Count > 0)
            blocks.Add(Block.Of("B. D<sub>mf</sub>", "B. D_mf", featureDeviation));
        if (blocks.Count == 0)
            throw new ArgumentException("Both likelihood-ratio lists are empty; a table needs at least one.", nameof(latentDeviation));
        List<string> methods = Building.InputChecks.InOrderOfAppearance(latentDeviation.Concat(featureDeviation), c => c.Method);
        int seeds = latentDeviation.Concat(featureDeviation).Max(c => c.SeedValues.Count);
        return new TableBundle(Html(blocks, methods, seeds, decimals), Markdown(blocks, methods, decimals));
    }

    private static string Html(List<Block> blocks, List<string> methods, int seeds, int decimals)
    {
        const string cell = "padding:3px 10px;text-align:right;border-bottom:1px solid #e5e5e5;";
        var html = new StringBuilder();
        html.Append("<table class=\"normative-table\" style=\"border-collapse:collapse;font-family:")
            .Append(WebUtility.HtmlEncode(FigureStyle.FontFamily)).Append(";font-size:13px;\">\n")
            .Append("<caption style=\"caption-side:top;text-align:left;padding-bottom:6px;\">Likelihood ratio of outliers, mean ± sd over ")
            .Append(seeds).Append(seeds == 1 ? " seed" : " seeds").Append(" (higher is better; ∞: no held-out control was an outlier)</caption>\n")
            .Append("<thead><tr><th rowspan=\"2\" style=\"text-align:left;padding:3px 10px;border-bottom:2px solid #222;\">Method</th>");
        foreach (Block block in blocks)
            html.Append($"<th colspan=\"{block.Sizes.Length}\" style=\"padding:3px 10px;border-left:2px solid #222;\">{block.HtmlTitle}</th>");
        html.Append("</tr>\n<tr>");
        foreach (Block block in blocks)
        {
            for (int i = 0; i < block.Sizes.Length; i++)
                html.Append($"<th style=\"{cell}border-bottom:2px solid #222;{(i == 0 ? "border-left:2px solid #222;" : string.Empty)}\">d = {block.Sizes[i]}</th>");
        }
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (string method in methods)
        {
            html.Append($"<tr><th style=\"text-align:left;padding:3px 10px;font-weight:normal;border-bottom:1px solid #e5e5e5;\">{WebUtility.HtmlEncode(method)}</th>");
            foreach (Block block in blocks)
            {
                for (int i = 0; i < block.Sizes.Length; i++)
                {
                    string text = block.Find(method, block.Sizes[i]) is { } spread ? spread.Format(decimals) : Missing;
                    bool best = block.IsBest(method, block.Sizes[i]);
                    string encoded = WebUtility.HtmlEncode(text);
                    html.Append($"<td style=\"{cell}{(i == 0 ? "border-left:2px solid #222;" : string.Empty)}\">{(best ? $"<b>{encoded}</b>" : encoded)}</td>");
                }
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>");
        return html.ToString();
    }

    private static string Markdown(List<Block> blocks, List<string> methods, int decimals)
    {
        var text = new StringBuilder("| Method |");
        foreach (Block block in blocks)
        {
            foreach (int size in block.Sizes)
                text.Append($" {block.TextTitle} d = {size} |");
        }
        text.Append('\n').Append("|---|").Append(string.Concat(Enumerable.Repeat("---:|", blocks.Sum(b => b.Sizes.Length)))).Append('\n');
        foreach (string method in methods)
        {
            text.Append($"| {method} |");
            foreach (Block block in blocks)
            {
                foreach (int size in block.Sizes)
                {
                    string value = block.Find(method, size) is { } spread ? spread.Format(decimals) : Missing;
                    text.Append(block.IsBest(method, size) ? $" **{value}** |" : $" {value} |");
                }
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>One block (A or B): its latent sizes, the seed summary per (method, size), and the best mean per size.</summary>
    private sealed record Block(string HtmlTitle, string TextTitle, int[] Sizes, Dictionary<(string Method, int Size), SeedSpread> Cells, Dictionary<int, double> BestMean)
    {
        public static Block Of(string htmlTitle, string textTitle, IReadOnlyList<LikelihoodRatioSeedValues> cells)
        {
            var summaries = new Dictionary<(string, int), SeedSpread>();
            foreach (LikelihoodRatioSeedValues cell in cells)
            {
                if (!summaries.TryAdd((cell.Method, cell.LatentSize), SeedSpread.Of(cell)))
                    throw new ArgumentException($"Block {textTitle} has two cells for '{cell.Method}' at d = {cell.LatentSize}.", nameof(cells));
            }
            int[] sizes = cells.Select(c => c.LatentSize).Distinct().Order().ToArray();
            var best = sizes.ToDictionary(
                size => size,
                size => summaries.Where(kv => kv.Key.Item2 == size && !double.IsNaN(kv.Value.Mean)).Select(kv => kv.Value.Mean).DefaultIfEmpty(double.NaN).Max());
            return new Block(htmlTitle, textTitle, sizes, summaries, best);
        }

        public SeedSpread? Find(string method, int size) => Cells.GetValueOrDefault((method, size));

        public bool IsBest(string method, int size) =>
            Find(method, size) is { } spread && !double.IsNaN(spread.Mean) && spread.Mean == BestMean[size];
    }
}
