using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Normative.Notebooks.Formatting;

namespace Normative.Notebooks.Engine;

/// <summary>
/// A C# script session on Roslyn scripting: cells run in order in one state (variables, types
/// and references of earlier cells are visible to later ones), in .NET Interactive's C# script
/// dialect — top-level statements, <c>#r "nuget: ..."</c> and <c>#r "path"</c>,
/// <c>display(...)</c>, and the trailing expression's value shown as the cell's result.
/// </summary>
/// <remarks>
/// Each cell runs on its own thread so that a time limit or an interrupt can stop it: first the
/// cell's <see cref="NotebookGlobals.Cancellation"/> token is cancelled (the library's loops
/// observe it), then the thread is interrupted (ends blocking waits such as
/// <c>Thread.Sleep</c>). A cell that ignores both is abandoned and the session refuses further
/// cells, because later cells would build on a state the abandoned one may still change.
/// Execution is serialised across sessions in the process because console capture is global.
/// </remarks>
public sealed class ScriptSession : IDisposable
{
    private static readonly SemaphoreSlim ExecutionGate = new(1, 1);

    /// <summary>Namespaces every cell imports, as in .NET Interactive.</summary>
    public static IReadOnlyList<string> DefaultImports { get; } =
        ["System", "System.Collections", "System.Collections.Generic", "System.IO", "System.Linq", "System.Text", "System.Threading", "System.Threading.Tasks"];

    private readonly ScriptSessionOptions options;
    private readonly NotebookGlobals globals;
    private readonly object currentGate = new();
    private readonly List<string> submittedCode = [];
    private ScriptOptions scriptOptions;
    private ScriptState<object>? state;
    private CellOutputCollector? currentOutputs;
    private CancellationTokenSource? currentCancellation;
    private string? abandonedCell;
    private CodeAssistance? assistance;

    /// <summary>Starts an empty session.</summary>
    public ScriptSession(ScriptSessionOptions? options = null)
    {
        this.options = options ?? new ScriptSessionOptions();
        BaseDirectory = this.options.NotebookPath is { } path
            ? Path.GetDirectoryName(Path.GetFullPath(path))!
            : Path.GetFullPath(this.options.WorkingDirectory);
        NotebookLabel = this.options.NotebookPath is { } notebook ? Path.GetFileName(notebook) : "kernel session";
        globals = new NotebookGlobals(this);
        scriptOptions = ScriptOptions.Default
            .WithReferences(DefaultReferences(this.options.Packages))
            .WithImports(DefaultImports)
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(BaseDirectory).WithSearchPaths(BaseDirectory))
            .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(BaseDirectory).WithSearchPaths(BaseDirectory));
    }

    /// <summary>How displayed values and results are turned into MIME bundles.</summary>
    public FormatterRegistry Formatters { get; } = new();

    /// <summary>The folder relative <c>#r</c> paths start from.</summary>
    public string BaseDirectory { get; }

    /// <summary>The notebook's file name (or "kernel session"), used in error locations.</summary>
    public string NotebookLabel { get; }

    /// <summary>The token of the running cell; <see cref="CancellationToken.None"/> between cells.</summary>
    internal CancellationToken CurrentCancellation
    {
        get { lock (currentGate) return currentCancellation?.Token ?? CancellationToken.None; }
    }

    /// <summary>Whether <paramref name="code"/> is a complete submission (no open braces, strings or statements).</summary>
    public static bool IsCompleteSubmission(string code) =>
        SyntaxFactory.IsCompleteSubmission(CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script)));

    /// <summary>
    /// Runs one cell after the previous ones. Never throws for errors of the cell itself: they come
    /// back as a <see cref="CellResult"/> with the error's location. <paramref name="cancellationToken"/>
    /// interrupts the cell like <see cref="Interrupt"/>.
    /// </summary>
    public async Task<CellResult> ExecuteAsync(CellRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cellPath = Path.Combine(BaseDirectory, $"{NotebookLabel}.cell{request.CellNumber}.csx");
        await ExecutionGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var started = DateTimeOffset.UtcNow;
        var outputs = new CellOutputCollector(request.OnOutput);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        lock (currentGate)
        {
            currentOutputs = outputs;
            currentCancellation = cancellation;
        }
        var capture = ConsoleCapture.Redirect(outputs.Write);
        try
        {
            var (status, error, value) = await RunCellAsync(request, cellPath, cancellation).ConfigureAwait(false);
            if (error != null) outputs.Add(new ErrorOutput(error));
            else if (value != null) outputs.Add(new ExecuteResultOutput(Formatters.Format(value), request.ExecutionCount));
            return new CellResult { Status = status, Error = error, Outputs = outputs.Close(), Started = started, Finished = DateTimeOffset.UtcNow };
        }
        catch (Exception formatting)
        {
            // A formatter of the result failed: the cell ran, but its result cannot be shown.
            var error = CellErrors.FromException(formatting, NotebookLabel, request.CellNumber, cellPath);
            outputs.Add(new ErrorOutput(error));
            return new CellResult { Status = CellStatus.Failed, Error = error, Outputs = outputs.Close(), Started = started, Finished = DateTimeOffset.UtcNow };
        }
        finally
        {
            capture.Dispose();
            lock (currentGate)
            {
                currentOutputs = null;
                currentCancellation = null;
            }
            ExecutionGate.Release();
        }
    }

    /// <summary>Interrupts the running cell (cancels its token, then interrupts its thread); does nothing between cells.</summary>
    public void Interrupt()
    {
        lock (currentGate)
        {
            try
            {
                currentCancellation?.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The cell finished while the interrupt arrived.
            }
        }
    }

    /// <summary>Completions at <paramref name="position"/> (a UTF-16 offset) in <paramref name="code"/>, which follows the session's earlier cells.</summary>
    public Task<CompletionMatches> CompleteAsync(string code, int position, CancellationToken cancellationToken = default) =>
        Assistance().CompleteAsync(code, position, cancellationToken);

    /// <summary>Quick information (signature and documentation) on the symbol at <paramref name="position"/>, or null.</summary>
    public Task<string?> InspectAsync(string code, int position, CancellationToken cancellationToken = default) =>
        Assistance().InspectAsync(code, position, cancellationToken);

    /// <summary>Releases the session's code-assistance workspace.</summary>
    public void Dispose() => assistance?.Dispose();

    /// <summary>Adds a displayed value to the running cell's outputs (ignored between cells).</summary>
    internal void Display(MimeBundle bundle)
    {
        CellOutputCollector? outputs;
        lock (currentGate) outputs = currentOutputs;
        outputs?.Add(new DisplayOutput(bundle));
    }

    private CodeAssistance Assistance()
    {
        lock (submittedCode)
        {
            assistance ??= new CodeAssistance(this);
            return assistance;
        }
    }

    /// <summary>The code of the cells that ran, and the references their compilation used: the context of completions.</summary>
    internal (IReadOnlyList<string> Code, IReadOnlyList<MetadataReference> References) CompletionContext()
    {
        lock (submittedCode)
        {
            var references = state?.Script.GetCompilation().References.ToList()
                ?? scriptOptions.MetadataReferences.OfType<PortableExecutableReference>().Cast<MetadataReference>().ToList();
            return ([.. submittedCode], references);
        }
    }

    private async Task<(CellStatus Status, CellError? Error, object? Value)> RunCellAsync(CellRequest request, string cellPath, CancellationTokenSource cancellation)
    {
        if (abandonedCell != null)
            return (CellStatus.Failed, CellErrors.Plain(NotebookLabel, request.CellNumber, null, "SessionAbandonedException", abandonedCell), null);

        string code;
        try
        {
            (code, var packages) = CellDirectives.Apply(request.Code, options.Packages);
            var added = packages.SelectMany(p => p.AssemblyPaths).Where(p => !scriptOptions.MetadataReferences.OfType<PortableExecutableReference>().Any(r => r.FilePath == p)).ToList();
            if (added.Count > 0) scriptOptions = scriptOptions.AddReferences(added.Select(p => MetadataReference.CreateFromFile(p)));
        }
        catch (CellDirectiveException directive)
        {
            return (CellStatus.Failed, CellErrors.Plain(NotebookLabel, request.CellNumber, directive.Line, nameof(PackageResolutionException), directive.Message), null);
        }

        var cellOptions = scriptOptions.WithFilePath(cellPath);
        var finished = new TaskCompletionSource<ScriptState<object>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var previous = state;
        var thread = new Thread(() =>
        {
            try
            {
                // The cell sees the token through NotebookGlobals.Cancellation. Roslyn is not given it:
                // it would replace the cell's own exception with a bare OperationCanceledException.
                var run = previous == null
                    ? CSharpScript.Create<object>(code, cellOptions, typeof(NotebookGlobals)).RunAsync(globals, _ => true, CancellationToken.None)
                    : previous.ContinueWithAsync<object>(code, cellOptions, _ => true, CancellationToken.None);
                finished.SetResult(run.GetAwaiter().GetResult());
            }
            catch (Exception error)
            {
                finished.SetException(error);
            }
        })
        { IsBackground = true, Name = $"notebook cell {request.CellNumber}" };
        thread.Start();

        var stopped = await WaitForCellAsync(finished.Task, thread, request.Timeout, cancellation).ConfigureAwait(false);
        var status = stopped switch
        {
            StopReason.None => CellStatus.Completed,
            StopReason.Timeout => CellStatus.TimedOut,
            _ => CellStatus.Interrupted,
        };
        if (!finished.Task.IsCompleted)
        {
            var why = status == CellStatus.TimedOut ? $"ran past its time limit of {request.Timeout!.Value.TotalSeconds:0.###} s" : "was interrupted";
            abandonedCell = $"cell {request.CellNumber} {why} and did not stop within {2 * options.StopGracePeriod.TotalSeconds:0.#} s " +
                "(it ignores the Cancellation token); the session cannot run further cells — restart the kernel or runner.";
            return (status, CellErrors.Plain(NotebookLabel, request.CellNumber, null, status == CellStatus.TimedOut ? nameof(TimeoutException) : nameof(OperationCanceledException), abandonedCell), null);
        }
        if (finished.Task.IsFaulted)
        {
            var thrown = finished.Task.Exception!.InnerException!;
            return thrown is CompilationErrorException compilation
                ? (CellStatus.Failed, CellErrors.FromCompilation(compilation, NotebookLabel, request.CellNumber, cellPath), null)
                : (Fail(status), Describe(thrown), null);
        }

        var next = finished.Task.Result;
        lock (submittedCode)
        {
            state = next;
            if (next.Exception == null) submittedCode.Add(code);
        }
        if (next.Exception != null) return (Fail(status), Describe(next.Exception), null);
        if (status == CellStatus.TimedOut)
            return (status, CellErrors.Plain(NotebookLabel, request.CellNumber, null, nameof(TimeoutException), $"the cell ran past its time limit of {request.Timeout!.Value.TotalSeconds:0.###} s."), null);
        return (status, null, status == CellStatus.Completed ? next.ReturnValue : null);

        CellError Describe(Exception thrown)
        {
            var error = CellErrors.FromException(thrown, NotebookLabel, request.CellNumber, cellPath);
            return status == CellStatus.TimedOut
                ? error with { ExceptionType = nameof(TimeoutException), Message = $"the cell ran past its time limit of {request.Timeout!.Value.TotalSeconds:0.###} s and stopped with {error.ExceptionType}: {error.Message}" }
                : error;
        }

        static CellStatus Fail(CellStatus status) => status == CellStatus.Completed ? CellStatus.Failed : status;
    }

    private enum StopReason
    {
        None,
        Timeout,
        Interrupt,
    }

    /// <summary>Waits for the cell; on a time limit or interrupt, cancels its token, then interrupts its thread.</summary>
    private async Task<StopReason> WaitForCellAsync(Task finished, Thread thread, TimeSpan? timeout, CancellationTokenSource cancellation)
    {
        var interrupted = Task.Delay(Timeout.Infinite, cancellation.Token);
        var timedOut = timeout is { } limit ? Task.Delay(limit, CancellationToken.None) : Task.Delay(Timeout.Infinite, CancellationToken.None);
        var first = await Task.WhenAny(finished, interrupted, timedOut).ConfigureAwait(false);
        if (first == finished) return StopReason.None;

        var reason = first == timedOut ? StopReason.Timeout : StopReason.Interrupt;
        try
        {
            await cancellation.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // Already cancelled and released by the caller's token source.
        }
        if (await Task.WhenAny(finished, Task.Delay(options.StopGracePeriod)).ConfigureAwait(false) == finished) return reason;
        thread.Interrupt();
        await Task.WhenAny(finished, Task.Delay(options.StopGracePeriod)).ConfigureAwait(false);
        return reason;
    }

    private static IEnumerable<MetadataReference> DefaultReferences(PackageCatalog? packages)
    {
        var paths = new List<string>(AssemblyLocator.Framework());
        // The project's libraries and what their public types expose (tensors, data frames, charts).
        foreach (var library in new[] { "Normative", "Normative.Plots" })
        {
            if (packages != null && packages.Packages.Any(p => p.Name == library)) paths.AddRange(packages.Resolve(library, null).AssemblyPaths);
        }
        paths.Add(typeof(Normative.PackageInfo).Assembly.Location);
        paths.Add(typeof(Normative.Plots.FigureInfo).Assembly.Location);
        paths.Add(typeof(NotebookGlobals).Assembly.Location);
        return paths.Where(p => !string.IsNullOrEmpty(p)).Distinct(StringComparer.Ordinal).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
    }
}
