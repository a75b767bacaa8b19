using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace Normative.Notebooks.Engine;

/// <summary>
/// Builds <see cref="CellError"/>s: the line within the cell comes from the first compiler error,
/// or from the innermost stack frame that lies in the cell (cells are compiled with debug
/// information under a per-cell file name, so frames carry cell-relative lines).
/// </summary>
internal static class CellErrors
{
    /// <summary>The error for a cell that did not compile.</summary>
    public static CellError FromCompilation(CompilationErrorException error, string notebook, int cell, string cellPath)
    {
        var errors = error.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count == 0) errors = [.. error.Diagnostics];
        int? line = errors.Count > 0 && errors[0].Location.IsInSource ? errors[0].Location.GetLineSpan().StartLinePosition.Line + 1 : null;
        var messages = errors.Select(d => d.ToString().Replace(cellPath, "", StringComparison.Ordinal)).ToList();
        var located = new CellError(notebook, cell, line, nameof(CompilationErrorException), string.Join("; ", messages), []);
        return located with { Traceback = [located.ToString(), .. messages] };
    }

    /// <summary>The error for an exception thrown by the cell (or by code it called).</summary>
    public static CellError FromException(Exception thrown, string notebook, int cell, string cellPath)
    {
        var error = Unwrap(thrown);
        int? line = null;
        foreach (var frame in new StackTrace(error, fNeedFileInfo: true).GetFrames())
        {
            if (string.Equals(frame.GetFileName(), cellPath, StringComparison.Ordinal) && frame.GetFileLineNumber() > 0)
            {
                line = frame.GetFileLineNumber();
                break;
            }
        }
        var located = new CellError(notebook, cell, line, error.GetType().Name, error.Message, []);
        var stack = error.ToString().Split('\n')
            .Select(l => l.TrimEnd('\r').Replace(cellPath, $"cell {cell}", StringComparison.Ordinal))
            .Where(l => !l.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal) && !l.Contains("--- End of stack trace", StringComparison.Ordinal));
        return located with { Traceback = [located.ToString(), .. stack] };
    }

    /// <summary>An error that is not an exception of the cell's code (directives, time limits, a stuck cell).</summary>
    public static CellError Plain(string notebook, int cell, int? line, string type, string message)
    {
        var located = new CellError(notebook, cell, line, type, message, []);
        return located with { Traceback = [located.ToString()] };
    }

    private static Exception Unwrap(Exception error)
    {
        while (true)
        {
            switch (error)
            {
                case TargetInvocationException { InnerException: { } inner }:
                    error = inner;
                    break;
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    error = aggregate.InnerExceptions[0];
                    break;
                default:
                    return error;
            }
        }
    }
}
