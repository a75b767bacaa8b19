using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Normative.Notebooks.Runner;
using Xunit.Abstractions;

namespace Notebooks.Tests.Kernel;

/// <summary>
/// <c>jupyter nbconvert --to notebook --execute</c> (Debian 12's nbconvert 6.5 / nbclient 0.7)
/// runs a notebook on the installed kernel, and the in-process runner gives the same outputs.
/// </summary>
public sealed partial class NbconvertTests(KernelSpecFixture kernelSpec, ITestOutputHelper output) : IClassFixture<KernelSpecFixture>
{
    [Fact]
    public void TheKernelSpecStartsThisProgram()
    {
        Assert.True(kernelSpec.Install.ExitCode == 0, kernelSpec.Install.Error);
        var spec = JsonNode.Parse(File.ReadAllText(kernelSpec.KernelJson))!;
        Assert.Equal((".NET C# (normative)", "C#", "message"), (spec["display_name"]!.GetValue<string>(), spec["language"]!.GetValue<string>(), spec["interrupt_mode"]!.GetValue<string>()));
        Assert.Equal(["dotnet", JupyterTools.Program, "kernel", "--connection-file", "{connection_file}"],
            spec["argv"]!.AsArray().Select((a, i) => i == 0 ? Path.GetFileNameWithoutExtension(a!.GetValue<string>()) : a!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task NbconvertAndTheRunnerGiveTheSameOutputs()
    {
        JupyterTools.Require();
        Assert.True(kernelSpec.Install.ExitCode == 0, kernelSpec.Install.Error);
        var folder = kernelSpec.Scratch("nbconvert");
        var source = JupyterTools.Notebook("parity.ipynb");
        var converted = JupyterTools.Run(JupyterTools.NbConvert, ["--to", "notebook", "--execute", source, "--output-dir", folder], kernelSpec.Environment, TimeSpan.FromMinutes(3));
        Assert.True(converted.ExitCode == 0, converted.Error);
        var kernelPath = Path.Combine(folder, "parity.ipynb");
        Assert.Null(JupyterTools.Validate(kernelPath));

        var clock = Stopwatch.StartNew();
        var executed = await NotebookRunner.RunAsync(source);
        var runnerTime = clock.Elapsed;
        Assert.True(executed.Succeeded, executed.Failure?.ToString());
        var runnerPath = Path.Combine(folder, "runner.ipynb");
        executed.Save(runnerPath);
        Assert.Null(JupyterTools.Validate(runnerPath));
        output.WriteLine($"nbconvert (kernel start-up included): {converted.Elapsed.TotalSeconds:0.00} s; runner in process: {runnerTime.TotalSeconds:0.00} s");

        var kernelCells = Outputs(kernelPath);
        // Expected outputs of parity.ipynb, written by hand from its cells (Count = 3, Label = "demo").
        Assert.Equal("""[{"name":"stdout","output_type":"stream","text":"demo: 3\n"},{"name":"stderr","output_type":"stream","text":"warn\n"},{"data":{"text/plain":"6"},"execution_count":2,"metadata":{},"output_type":"execute_result"}]""", kernelCells[2]);
        Assert.Contains("<b>bold</b>", kernelCells[3]);
        Assert.Contains("3 rows × 1 columns", kernelCells[3]);
        Assert.Equal("""[{"name":"stdout","output_type":"stream","text":"012"}]""", kernelCells[5]);
        Assert.Equal("[]", kernelCells[6]);
        // plotly.js is inlined in the first chart only.
        Assert.Equal(1, Regex.Count(kernelCells[4], "data-normative-plotlyjs=\\\\\"Plotly.NET.plotly"));

        Assert.Equal(kernelCells, Outputs(runnerPath));
    }

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Each cell's outputs as compact JSON, lines joined and random chart ids replaced.</summary>
    private static List<string> Outputs(string path) =>
        [.. NotebookDocument.Load(path).Cells.Select(cell => ChartId().Replace(Joined(cell.Outputs).ToJsonString(Readable), "ID"))];

    private static JsonNode Joined(JsonNode node)
    {
        var copy = node.DeepClone();
        foreach (var output in copy.AsArray().OfType<JsonObject>())
        {
            if (output["text"] is JsonArray text) output["text"] = string.Concat(text.Select(t => t!.GetValue<string>()));
            if (output["data"] is not JsonObject data) continue;
            foreach (var key in data.Select(p => p.Key).ToList())
            {
                if (data[key] is JsonArray lines) data[key] = string.Concat(lines.Select(t => t!.GetValue<string>()));
            }
        }
        return copy;
    }

    [GeneratedRegex("[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}")]
    private static partial Regex ChartId();
}
