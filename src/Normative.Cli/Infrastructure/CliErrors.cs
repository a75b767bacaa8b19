using System.CommandLine;

namespace Normative.Cli.Infrastructure;

/// <summary>
/// Runs a verb's body with the program's error convention (design §8): exit 0 on success; on any
/// error one paragraph on stderr and a non-zero exit, with the stack trace only under --verbose.
/// </summary>
internal static class CliErrors
{
    /// <summary>The global <c>--verbose</c> flag (stack traces on errors, more logging).</summary>
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Print stack traces with errors and more detail while running.",
        Recursive = true,
    };

    /// <summary>Sets <paramref name="body"/> as the command's action, wrapped in the error convention.</summary>
    public static void SetGuardedAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> body)
    {
        command.SetAction(async (parse, token) =>
        {
            try
            {
                return await body(parse, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                Console.Error.WriteLine("Cancelled.");
                return 130;
            }
            catch (Exception error)
            {
                Console.Error.WriteLine($"error: {Describe(error)}");
                if (parse.GetValue(Verbose)) Console.Error.WriteLine(error.ToString());
                else Console.Error.WriteLine("(run with --verbose for the stack trace)");
                return 1;
            }
        });
    }

    /// <summary>Synchronous overload of <see cref="SetGuardedAction(Command, Func{ParseResult, CancellationToken, Task{int}})"/>.</summary>
    public static void SetGuardedAction(this Command command, Func<ParseResult, CancellationToken, int> body) =>
        command.SetGuardedAction((parse, token) => Task.FromResult(body(parse, token)));

    /// <summary>The message of the error and of the causes it wraps, as one paragraph.</summary>
    private static string Describe(Exception error)
    {
        var parts = new List<string>();
        for (Exception? e = error; e != null; e = e.InnerException)
        {
            if (e is AggregateException { InnerExceptions.Count: 1 }) continue;
            if (parts.Count == 0 || !parts[^1].Contains(e.Message, StringComparison.Ordinal)) parts.Add(e.Message.Trim());
        }
        return string.Join(" <- ", parts);
    }
}
