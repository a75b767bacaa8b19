using Normative.Notebooks.Engine;
using Normative.Notebooks.Runner;
using Notebooks.Tests.Kernel;

namespace Notebooks.Tests.Runner;

/// <summary>The headless runner: parameters, outputs in nbformat's shapes, and the first failure's location.</summary>
public sealed class NotebookRunnerTests
{
    [Fact]
    public async Task ParametersAreInjectedAfterTheParametersCell()
    {
        var executed = await NotebookRunner.RunAsync(JupyterTools.Notebook("parity.ipynb"), new Dictionary<string, string> { ["Count"] = "5", ["Label"] = "\"run\"" });

        Assert.True(executed.Succeeded, executed.Failure?.ToString());
        var cells = executed.Notebook.Cells;
        Assert.Equal(NotebookParameters.ParametersTag, Assert.Single(cells[1].Tags));
        Assert.Equal(NotebookParameters.InjectedTag, Assert.Single(cells[2].Tags));
        Assert.Equal("// Parameters injected by `normative notebook run` (papermill convention).\nint Count = 5;\nstring Label = \"run\";", cells[2].Source);
        // 5 * 2, printed with the injected label; counts run 1.. over code cells, the empty cell gets none.
        Assert.Equal("run: 5\n", cells[3].Outputs[0]!["text"]!.GetValue<string>());
        Assert.Equal("10", cells[3].Outputs[2]!["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal([1, 2, 3, 4, 5, 6, null], cells.Where(c => c.CellType == "code").Select(c => c.ExecutionCount));
        Assert.Empty(executed.Warnings);
    }

    [Fact]
    public async Task AFailingCellStopsTheRunWithItsLocation()
    {
        var executed = await NotebookRunner.RunAsync(JupyterTools.Notebook("failing.ipynb"));

        var failure = executed.Failure!;
        // Cell 3 of the notebook (a markdown cell sits before it), line 2 of that cell.
        Assert.Equal(("failing.ipynb", 3, 2, "InvalidOperationException", "bad input on purpose"), (failure.Notebook, failure.Cell, failure.Line, failure.ExceptionType, failure.Message));
        var cells = executed.Notebook.Cells;
        Assert.Equal("before\n", cells[2].Outputs[0]!["text"]!.GetValue<string>());
        Assert.Equal("error", cells[2].Outputs[1]!["output_type"]!.GetValue<string>());
        Assert.Null(cells[3].ExecutionCount);
        Assert.Empty(cells[3].Outputs);
    }

    [SkippableFact]
    public async Task ExecutedNotebooksAreValidNbformat()
    {
        JupyterTools.Require(); // nbformat's validator; checked first so a skip costs nothing
        var folder = Directory.CreateTempSubdirectory("nb-run-");
        try
        {
            foreach (var name in new[] { "parity.ipynb", "failing.ipynb" })
            {
                var executed = await NotebookRunner.RunAsync(JupyterTools.Notebook(name));
                var path = Path.Combine(folder.FullName, name);
                executed.Save(path);
                Assert.Null(JupyterTools.Validate(path));
                var metadata = executed.Notebook.Root["metadata"]!;
                Assert.Equal(("normative-csharp", "csharp"), (metadata["kernelspec"]!["name"]!.GetValue<string>(), metadata["language_info"]!["name"]!.GetValue<string>()));
                Assert.NotNull(executed.Notebook.Cells.First(c => c.CellType == "code").Metadata["execution"]?["shell.execute_reply"]);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task StaticOutputsKeepThePngOfFiguresAndDropTheirHtml()
    {
        const string cell =
            "class Figure { public System.Collections.Generic.IReadOnlyDictionary<string, string> ToMimeBundle() => " +
            "new System.Collections.Generic.Dictionary<string, string> { [\"text/html\"] = \"<div>chart</div>\", [\"image/png\"] = \"iVBORw0KGgo=\" }; }\n" +
            "display(new Figure());\n" +
            "display(\"<b>table</b>\", \"text/html\");";
        var json = new System.Text.Json.Nodes.JsonObject
        {
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
            ["metadata"] = new System.Text.Json.Nodes.JsonObject(),
            ["cells"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["cell_type"] = "code", ["source"] = cell, ["metadata"] = new System.Text.Json.Nodes.JsonObject(), ["outputs"] = new System.Text.Json.Nodes.JsonArray() }),
        };
        var notebook = NotebookDocument.Parse(json.ToJsonString(), "static.ipynb");

        var executed = await NotebookRunner.RunAsync(notebook, Path.Combine(Path.GetTempPath(), "static.ipynb"), options: new NotebookRunOptions { StaticOutputs = true });

        Assert.True(executed.Succeeded, executed.Failure?.ToString());
        var outputs = executed.Notebook.Cells[0].Outputs;
        // The figure keeps its PNG and text; HTML without a PNG beside it (a table) stays.
        Assert.Equal(["image/png", "text/plain"], outputs[0]!["data"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["text/html", "text/plain"], outputs[1]!["data"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void TheCommandExitsNonZeroAtTheFailingCell()
    {
        var folder = Directory.CreateTempSubdirectory("nb-cli-");
        try
        {
            var outPath = Path.Combine(folder.FullName, "out.ipynb");
            var run = JupyterTools.Run("dotnet", [JupyterTools.Program, "notebook", "run", JupyterTools.Notebook("failing.ipynb"), "--out", outPath, "--timeout", "120"], null, TimeSpan.FromMinutes(2));
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("error: failing.ipynb, cell 3, line 2: InvalidOperationException: bad input on purpose", run.Error);
            Assert.True(File.Exists(outPath));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
