using Normative.Notebooks.Runner;
using Normative.TestSupport;
using Xunit.Abstractions;

namespace Notebooks.Tests.Experiments;

/// <summary>
/// Every experiment notebook runs headlessly in process with the "test" profile and shows its tables
/// and figures: with PNGs where Chromium is, as HTML only (and no error) where it is not.
/// </summary>
public sealed class ExperimentNotebookRunnerTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(ExperimentNotebooks.Names), MemberType = typeof(ExperimentNotebooks))]
    public async Task RunsWithTheTestProfile(string name)
    {
        bool png = ExternalTools.ChromiumAvailableOrRequiredUnderCi();
        var executed = await NotebookRunner.RunAsync(ExperimentNotebooks.PathOf(name), ExperimentNotebooks.TestParameters(name));

        Assert.True(executed.Succeeded, executed.Failure?.ToString());
        Assert.Empty(executed.Warnings);
        ExperimentNotebooks.AssertShowsItsResults(name, executed.Notebook, expectPng: png);
        output.WriteLine($"{name}: {executed.Elapsed.TotalSeconds:0.0} s in process ({(png ? "with" : "without")} PNGs)");
    }

    [Theory]
    [MemberData(nameof(ExperimentNotebooks.Names), MemberType = typeof(ExperimentNotebooks))]
    public void TheSourceHasTheKernelspecAParametersCellAndNoOutputs(string name)
    {
        var notebook = NotebookDocument.Load(ExperimentNotebooks.PathOf(name));
        var metadata = notebook.Root["metadata"]!;
        Assert.Equal("normative-csharp", metadata["kernelspec"]!["name"]!.GetValue<string>());
        var code = notebook.Cells.Where(c => c.CellType == "code").ToList();
        Assert.StartsWith("#r \"nuget: Normative\"", code[0].Source, StringComparison.Ordinal);
        Assert.Contains(NotebookParameters.ParametersTag, code[1].Tags);
        Assert.All(code, c => Assert.Empty(c.Outputs));
        // Prose that teaches: every code cell after the parameters follows a markdown cell.
        var cells = notebook.Cells;
        for (var i = 1; i < cells.Count; i++)
        {
            if (cells[i].CellType == "code" && cells[i - 1].CellType == "code" && !cells[i].Tags.Contains(NotebookParameters.ParametersTag))
                Assert.Fail($"{name}: code cell '{cells[i].Id}' has no explaining markdown cell before it.");
        }
    }

    [Theory]
    [MemberData(nameof(ExperimentNotebooks.NamesWithExecutedCopy), MemberType = typeof(ExperimentNotebooks))]
    public void TheCommittedExecutedCopyShowsStaticResults(string name)
    {
        var path = Path.Combine(ExperimentNotebooks.Folder, "executed", name + ".ipynb");
        Assert.True(File.Exists(path), $"notebooks/executed/{name}.ipynb is missing; refresh with `normative reproduce --notebooks --quick` from the repository root.");
        var executed = NotebookDocument.Load(path);
        Assert.All(executed.Cells.Where(c => c.CellType == "code" && c.Source.Trim().Length > 0), c => Assert.NotNull(c.ExecutionCount));
        ExperimentNotebooks.AssertShowsItsResults(name, executed, staticOutputs: true, latentSizes: ExperimentNotebooks.LatentSizesOf("executed"));
    }

    [Fact]
    public void TheCommittedExecutedCopiesStayLight()
    {
        var bytes = Directory.GetFiles(Path.Combine(ExperimentNotebooks.Folder, "executed"), "*.ipynb").Sum(f => new FileInfo(f).Length);
        Assert.True(bytes < 5_000_000, $"notebooks/executed/ holds {bytes / 1e6:0.0} MB; keep it under 5 MB (static figures, no plotly.js).");
    }
}
