using System.Text.Json.Nodes;
using Normative.Notebooks.Engine;

namespace Normative.Notebooks.Kernel;

/// <summary>The kernel's answers to shell requests: execute, kernel_info, is_complete, complete, inspect, comm_info, history, shutdown.</summary>
internal sealed class ShellHandlers(JupyterKernel kernel, ScriptSession session)
{
    private int executionCount;

    public void Handle(JupyterMessage request, bool onControl)
    {
        switch (request.MessageType)
        {
            case "execute_request": Execute(request, onControl); break;
            case "kernel_info_request": kernel.Reply(request, "kernel_info_reply", KernelInfo(), onControl); break;
            case "is_complete_request": IsComplete(request, onControl); break;
            case "complete_request": Complete(request, onControl); break;
            case "inspect_request": Inspect(request, onControl); break;
            case "comm_info_request": kernel.Reply(request, "comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() }, onControl); break;
            case "history_request": kernel.Reply(request, "history_reply", new JsonObject { ["status"] = "ok", ["history"] = new JsonArray() }, onControl); break;
            case "shutdown_request": ReplyShutdown(request, onControl); break;
            case "comm_open" or "comm_msg" or "comm_close": break; // No comm targets: widgets are not supported.
            default: kernel.Log($"ignored unsupported request '{request.MessageType}'"); break;
        }
    }

    public void ReplyShutdown(JupyterMessage request, bool onControl)
    {
        var restart = request.Content["restart"]?.GetValue<bool>() ?? false;
        kernel.Reply(request, "shutdown_reply", new JsonObject { ["status"] = "ok", ["restart"] = restart }, onControl);
        kernel.Log("shutdown requested");
        kernel.Stop();
    }

    private static JsonObject KernelInfo() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = JupyterMessage.ProtocolVersion,
        ["implementation"] = "normative",
        ["implementation_version"] = EngineInfo.Version,
        ["language_info"] = EngineInfo.LanguageInfo(),
        ["banner"] = $"{EngineInfo.DisplayName}: C# {EngineInfo.CSharpVersion} script cells on Roslyn, .NET {Environment.Version}",
        ["help_links"] = new JsonArray(),
    };

    private void Execute(JupyterMessage request, bool onControl)
    {
        var code = request.Content["code"]?.GetValue<string>() ?? "";
        var silent = request.Content["silent"]?.GetValue<bool>() ?? false;
        var storeHistory = !silent && (request.Content["store_history"]?.GetValue<bool>() ?? true);
        if (storeHistory) executionCount++;
        var count = Math.Max(executionCount, 1);
        if (!silent) kernel.Publish("execute_input", new JsonObject { ["code"] = code, ["execution_count"] = count }, request);

        var result = session.ExecuteAsync(new CellRequest(code)
        {
            CellNumber = count,
            ExecutionCount = count,
            OnOutput = silent ? null : output =>
            {
                var (type, content) = OutputJson.ToMessage(output);
                kernel.Publish(type, content, request);
            },
        }).GetAwaiter().GetResult();

        var reply = result.Error is { } error
            ? OutputJson.ErrorContent(error)
            : new JsonObject { ["user_expressions"] = new JsonObject(), ["payload"] = new JsonArray() };
        reply["status"] = result.Error is null ? "ok" : "error";
        reply["execution_count"] = count;
        kernel.Reply(request, "execute_reply", reply, onControl);
        kernel.Log($"cell {count}: {result.Status} in {result.Elapsed.TotalSeconds:0.000} s");
    }

    private void IsComplete(JupyterMessage request, bool onControl)
    {
        var code = request.Content["code"]?.GetValue<string>() ?? "";
        var complete = ScriptSession.IsCompleteSubmission(code);
        kernel.Reply(request, "is_complete_reply", new JsonObject { ["status"] = complete ? "complete" : "incomplete", ["indent"] = "" }, onControl);
    }

    private void Complete(JupyterMessage request, bool onControl)
    {
        var (code, cursor) = CodeAndCursor(request);
        var completions = session.CompleteAsync(code, cursor).GetAwaiter().GetResult();
        kernel.Reply(request, "complete_reply", new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = new JsonArray([.. completions.Matches.Select(m => (JsonNode?)JsonValue.Create(m))]),
            ["cursor_start"] = CodePoints.FromUtf16(code, completions.Start),
            ["cursor_end"] = CodePoints.FromUtf16(code, completions.End),
            ["metadata"] = new JsonObject(),
        }, onControl);
    }

    private void Inspect(JupyterMessage request, bool onControl)
    {
        var (code, cursor) = CodeAndCursor(request);
        var text = session.InspectAsync(code, cursor).GetAwaiter().GetResult();
        kernel.Reply(request, "inspect_reply", new JsonObject
        {
            ["status"] = "ok",
            ["found"] = text != null,
            ["data"] = text != null ? new JsonObject { ["text/plain"] = text } : new JsonObject(),
            ["metadata"] = new JsonObject(),
        }, onControl);
    }

    /// <summary>The request's code and its cursor as a UTF-16 index (Jupyter sends code points).</summary>
    private static (string Code, int Cursor) CodeAndCursor(JupyterMessage request)
    {
        var code = request.Content["code"]?.GetValue<string>() ?? "";
        return (code, CodePoints.ToUtf16(code, request.Content["cursor_pos"]?.GetValue<int>() ?? code.Length));
    }
}
