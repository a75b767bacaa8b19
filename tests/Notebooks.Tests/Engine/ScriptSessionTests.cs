using Normative.Notebooks.Engine;
using Normative.Notebooks.Formatting;

namespace Notebooks.Tests.Engine;

/// <summary>The script session: state across cells, results, errors with their location, #r, time limits and interrupts.</summary>
public sealed class ScriptSessionTests
{
    private static async Task<CellResult> Run(ScriptSession session, string code, int cell = 1, TimeSpan? timeout = null) =>
        await session.ExecuteAsync(new CellRequest(code) { CellNumber = cell, ExecutionCount = cell, Timeout = timeout });

    private static string Text(CellResult result) =>
        string.Concat(result.Outputs.OfType<StreamOutput>().Select(s => s.Text));

    [Fact]
    public async Task VariablesTypesAndMethodsCarryAcrossCells()
    {
        using var session = new ScriptSession();
        Assert.True((await Run(session, "var x = 40;\nrecord Point(int X, int Y);\nint Twice(int v) => 2 * v;", 1)).Succeeded);
        var result = await Run(session, "Console.WriteLine(new Point(1, 2));\nx + Twice(1)", 2);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Equal("Point { X = 1, Y = 2 }\n", Text(result));
        // The trailing expression (no semicolon) is the cell's result: 40 + 2.
        var value = Assert.Single(result.Outputs.OfType<ExecuteResultOutput>());
        Assert.Equal("42", value.Data[MimeBundle.PlainText]);
        Assert.Equal(2, value.ExecutionCount);
    }

    [Fact]
    public async Task StatementCellsHaveNoResultAndOutputsKeepTheirOrder()
    {
        using var session = new ScriptSession();
        var result = await Run(session, "Console.Write(\"a\");\ndisplay(\"<b>b</b>\", \"text/html\");\nConsole.Error.WriteLine(\"c\");\nConsole.WriteLine(\"d\");");

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.Collection(result.Outputs,
            o => Assert.Equal(new StreamOutput("stdout", "a"), o),
            o => Assert.Equal("<b>b</b>", Assert.IsType<DisplayOutput>(o).Data[MimeBundle.Html]),
            o => Assert.Equal(new StreamOutput("stderr", "c\n"), o),
            o => Assert.Equal(new StreamOutput("stdout", "d\n"), o));
    }

    [Theory]
    // Expected line: the 1-based line of the offending statement within the cell.
    [InlineData("var a = 1;\nvar b = 2;\nthrow new InvalidOperationException(\"boom\");", 3, "InvalidOperationException", "boom")]
    [InlineData("int Divide(int n, int d) => n / d;\n\nvar zero = 0;\nDivide(1, zero);", 1, "DivideByZeroException", "Attempted to divide by zero.")]
    [InlineData("var a = 1;\nvar b = undefinedName;", 2, "CompilationErrorException", "(2,9): error CS0103: The name 'undefinedName' does not exist in the current context")]
    public async Task AFailingCellReportsNotebookCellLineAndException(string code, int line, string exceptionType, string message)
    {
        using var session = new ScriptSession(new ScriptSessionOptions { NotebookPath = "/tmp/analysis.ipynb" });
        var result = await Run(session, code, cell: 7);

        Assert.Equal(CellStatus.Failed, result.Status);
        var error = result.Error!;
        Assert.Equal(("analysis.ipynb", 7, line, exceptionType, message), (error.Notebook, error.Cell, error.Line, error.ExceptionType, error.Message));
        Assert.StartsWith($"analysis.ipynb, cell 7, line {line}: {exceptionType}", error.Traceback[0]);
        Assert.Equal(error, Assert.IsType<ErrorOutput>(result.Outputs[^1]).Error);
    }

    [Fact]
    public async Task VariablesAssignedBeforeAnExceptionSurviveIt()
    {
        using var session = new ScriptSession();
        await Run(session, "var kept = 5;\nthrow new Exception(\"x\");");
        var result = await Run(session, "kept * 2", 2);
        Assert.Equal("10", Assert.Single(result.Outputs.OfType<ExecuteResultOutput>()).Data[MimeBundle.PlainText]);
    }

    [Fact]
    public async Task NuGetReferencesResolveToCarriedPackages()
    {
        using var session = new ScriptSession();
        // NetMQ is carried (the engine's dependency) but not referenced by default.
        var before = await Run(session, "new NetMQ.NetMQFrame(\"hi\").ConvertToString()");
        Assert.Equal("CompilationErrorException", before.Error?.ExceptionType);

        var after = await Run(session, "#r \"nuget: NetMQ, 4.0.1\"\nnew NetMQ.NetMQFrame(\"hi\").ConvertToString()", 2);
        Assert.True(after.Succeeded, after.Error?.ToString());
        Assert.Equal("hi", Assert.Single(after.Outputs.OfType<ExecuteResultOutput>()).Data[MimeBundle.PlainText]);

        // The project's libraries and Plotly.NET resolve as well (and are referenced by default).
        var libraries = await Run(session, "#r \"nuget: Normative\"\n#r \"nuget: Plotly.NET\"\n#r \"nuget: TorchSharp\"\n#!csharp\ntypeof(Normative.PackageInfo).Name", 3);
        Assert.True(libraries.Succeeded, libraries.Error?.ToString());
    }

    [Theory]
    [InlineData("#r \"nuget: Some.Package.NobodyCarries\"", 1, "package 'Some.Package.NobodyCarries' is not available")]
    [InlineData("var a = 1;\n#r \"nuget: Plotly.NET, 99.0.0\"", 2, "package 'Plotly.NET' version 99.0.0 was requested but the notebook engine carries 6.0.0")]
    public async Task UnavailablePackagesFailWithAClearMessage(string code, int line, string message)
    {
        using var session = new ScriptSession();
        var result = await Run(session, code);
        Assert.Equal((CellStatus.Failed, line, "PackageResolutionException"), (result.Status, result.Error!.Line, result.Error.ExceptionType));
        Assert.StartsWith(message, result.Error.Message);
    }

    [Fact]
    public async Task PathReferencesAreRelativeToTheNotebook()
    {
        var folder = Directory.CreateTempSubdirectory("nb-ref-");
        try
        {
            TinyAssembly.Write(Path.Combine(folder.FullName, "lib", "Tiny.dll"), "namespace Tiny { public static class Answer { public static int Value => 42; } }");
            using var session = new ScriptSession(new ScriptSessionOptions { NotebookPath = Path.Combine(folder.FullName, "n.ipynb"), WorkingDirectory = "/" });
            var result = await Run(session, "#r \"lib/Tiny.dll\"\nTiny.Answer.Value");
            Assert.True(result.Succeeded, result.Error?.ToString());
            Assert.Equal("42", Assert.Single(result.Outputs.OfType<ExecuteResultOutput>()).Data[MimeBundle.PlainText]);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ATimeLimitStopsACooperativeCellAndTheSessionGoesOn()
    {
        using var session = new ScriptSession();
        await Run(session, "var n = 1;");
        var result = await Run(session, "while (true) { Cancellation.ThrowIfCancellationRequested(); Thread.Sleep(5); }", 2, TimeSpan.FromSeconds(2));

        Assert.Equal(CellStatus.TimedOut, result.Status);
        Assert.True(("TimeoutException", 1) == (result.Error!.ExceptionType, result.Error.Line), string.Join("\n", result.Error.Traceback));
        // The limit covers compilation too (about 0.3 s here), so it is well above it.
        Assert.InRange(result.Elapsed.TotalSeconds, 2, 8);
        Assert.True((await Run(session, "n", 3)).Succeeded);
    }

    /// <summary>Starts <paramref name="code"/> (which prints a line first) and interrupts it once that line arrives.</summary>
    private static async Task<CellResult> Interrupted(ScriptSession session, string code, int cell)
    {
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var execution = session.ExecuteAsync(new CellRequest(code) { CellNumber = cell, OnOutput = _ => running.TrySetResult() });
        await running.Task.WaitAsync(TimeSpan.FromMinutes(1));
        session.Interrupt();
        return await execution.WaitAsync(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task InterruptCancelsTheTokenThenEndsBlockingWaits()
    {
        using var session = new ScriptSession();
        var first = await Interrupted(session, "Console.WriteLine(\"running\");\nawait Task.Delay(TimeSpan.FromMinutes(5), Cancellation);", 1);
        Assert.Equal((CellStatus.Interrupted, "TaskCanceledException", 2), (first.Status, first.Error!.ExceptionType, first.Error.Line));

        // Thread.Sleep ignores the token; the thread interrupt after the grace period ends it.
        var second = await Interrupted(session, "Console.WriteLine(\"running\");\nThread.Sleep(TimeSpan.FromMinutes(5));", 2);
        Assert.Equal((CellStatus.Interrupted, "ThreadInterruptedException", 2), (second.Status, second.Error!.ExceptionType, second.Error.Line));
        Assert.True(second.Elapsed < TimeSpan.FromSeconds(30));
        Assert.True((await Run(session, "1 + 1", 3)).Succeeded);
    }

    [Theory]
    [InlineData("var x = 1;", true)]
    [InlineData("if (true) {", false)]
    [InlineData("var s = \"open", false)]
    [InlineData("x + ", false)]
    public void CompleteSubmissionsAreRecognised(string code, bool complete) =>
        Assert.Equal(complete, ScriptSession.IsCompleteSubmission(code));

    [Fact]
    public async Task CompletionSeesEarlierCellsAndTheGlobals()
    {
        using var session = new ScriptSession();
        await Run(session, "var trainingLoss = 0.5;");
        var code = "var y = trainingL";
        var members = await session.CompleteAsync(code, code.Length);
        Assert.Contains("trainingLoss", members.Matches);
        Assert.Equal((code.Length - "trainingL".Length, code.Length), (members.Start, members.End));

        var globals = await session.CompleteAsync("Cancellation.ThrowIf", "Cancellation.ThrowIf".Length);
        Assert.Contains("ThrowIfCancellationRequested", globals.Matches);

        var info = await session.InspectAsync("trainingLoss", 3);
        Assert.Contains("double", info);
    }
}
