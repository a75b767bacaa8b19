using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Notebooks.Tests.Kernel;

/// <summary>The kernel against jupyter_client (Debian 12's python3-jupyter-client): the messages a front end relies on.</summary>
public sealed class KernelProtocolTests(KernelSpecFixture kernelSpec, ITestOutputHelper output) : IClassFixture<KernelSpecFixture>
{
    [SkippableFact]
    public void TheKernelServesJupyterClient()
    {
        JupyterTools.Require();
        Assert.True(kernelSpec.Install.ExitCode == 0, kernelSpec.Install.Error);
        var script = Path.Combine(JupyterTools.BinDirectory, "Kernel", "kernel_client_check.py");
        var run = JupyterTools.Run(JupyterTools.Python, [script], kernelSpec.Environment, TimeSpan.FromMinutes(4));
        output.WriteLine(run.Output);
        Assert.True(run.ExitCode == 0, $"kernel_client_check.py failed:\n{run.Error}");
        var observed = JsonNode.Parse(run.Output)!;

        Assert.Equal("[\"2\"]", observed["first_result"]!.ToJsonString());
        Assert.Equal("""{"status":"ok","protocol_version":"5.3","implementation":"normative"}""", observed["kernel_info"]!.ToJsonString());
        Assert.Equal("""{"name":"csharp","file_extension":".cs","mimetype":"text/x-csharp"}""", observed["language_info"]!.ToJsonString());
        Assert.Equal(("complete", "incomplete", "incomplete"),
            (observed["is_complete"]!["var x = 1;"]!.GetValue<string>(), observed["is_complete"]!["if (true) {"]!.GetValue<string>(), observed["is_complete"]!["var s = \"open"]!.GetValue<string>()));
        // "var y = trainingL": the match replaces "trainingL", code points 8 to 17.
        Assert.Equal("""{"status":"ok","has_match":true,"cursor_start":8,"cursor_end":17}""", observed["complete"]!.ToJsonString());
        Assert.Equal(("ok", true), (observed["inspect"]!["status"]!.GetValue<string>(), observed["inspect"]!["found"]!.GetValue<bool>()));
        Assert.Contains("double", observed["inspect"]!["text"]!.GetValue<string>());

        Assert.Equal("""{"status":"error","ename":"InvalidOperationException","evalue":"boom"}""", observed["error_reply"]!.ToJsonString());
        Assert.Equal("[\"InvalidOperationException\"]", observed["error_output"]!.ToJsonString());
        Assert.Contains(", line 2: InvalidOperationException: boom", observed["error_traceback_head"]!.GetValue<string>());

        Assert.Equal(("error", "OperationCanceledException"), (observed["interrupt_cooperative"]!["status"]!.GetValue<string>(), observed["interrupt_cooperative"]!["ename"]!.GetValue<string>()));
        Assert.Equal(("error", "ThreadInterruptedException"), (observed["interrupt_blocking"]!["status"]!.GetValue<string>(), observed["interrupt_blocking"]!["ename"]!.GetValue<string>()));
        // The blocking cell ends after the 2 s grace period; both well within 10 s.
        Assert.InRange(observed["interrupt_blocking"]!["seconds_to_reply"]!.GetValue<double>(), 0, 10);
        Assert.Equal("[\"1\"]", observed["after_interrupt"]!.ToJsonString());

        Assert.False(observed["alive_after_shutdown"]!.GetValue<bool>());
        Assert.Equal(0, observed["exit_code"]!.GetValue<int>());
    }
}
