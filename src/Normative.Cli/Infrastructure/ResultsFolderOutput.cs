using Normative.Experiments;

namespace Normative.Cli.Infrastructure;

/// <summary>
/// The end of <c>reproduce</c> and of <c>grid merge</c> (one home, so both write the same folder): figures (HTML, PNG
/// where Chromium is), calibration.json and its report section, report.md, and Table 1 on the terminal.
/// </summary>
internal static class ResultsFolderOutput
{
    /// <summary>Says once, before hours of work rather than after, when figures will be HTML only.</summary>
    public static void AnnounceFigures(bool figuresWanted)
    {
        if (figuresWanted && ToolPreflight.MissingChromiumNote() is { } pngNote)
            Console.WriteLine(pngNote);
    }

    /// <summary>Adds figures (when wanted) and report.md to the results folder of <paramref name="result"/> and prints Table 1.</summary>
    public static void Finish(ReproductionResult result, bool figuresWanted)
    {
        Plots.WrittenFigures? figures = null;
        if (figuresWanted)
        {
            figures = Plots.ReproductionFigures.Write(result, Path.Combine(Path.GetFullPath(result.Options.OutputFolder), "figures"), log: Console.WriteLine);
            result.ExtraReportSections.Add(figures.ReportSection);
        }
        result.ExtraReportSections.Add(CalibrationReports.WriteSection(result));
        string report = ReportWriter.Write(result);
        Console.WriteLine();
        Console.WriteLine("Table 1 A — LR+ of latent outliers (D_ml):");
        Console.WriteLine(result.Table1.ToMarkdown(DeviationSpace.Latent));
        Console.WriteLine();
        Console.WriteLine("Table 1 B — LR+ of feature-space outliers (D_mf):");
        Console.WriteLine(result.Table1.ToMarkdown(DeviationSpace.Feature));
        Console.WriteLine();
        Console.WriteLine($"Wrote {Path.GetDirectoryName(report)} (report.md, tables/, subjects/, figures/, run.json); experiments took {result.Run.WallSeconds:0} s.");
        if (figures?.MissingPngNote is { } note)
            Console.WriteLine(note);
    }
}
