using System.Runtime.ExceptionServices;

namespace Normative;

/// <summary>
/// Parallel loops whose outcome does not depend on scheduling: each index writes only its own results, and a failure
/// surfaces as the exception a sequential loop would have thrown first (the lowest failing index, unwrapped), not as an
/// <see cref="AggregateException"/> in whatever order the threads failed. Why: the grid's statistics must give the same
/// numbers — and the same errors — on one core or many (issue 17).
/// </summary>
internal static class DeterministicParallel
{
    /// <summary>Runs <paramref name="body"/> for 0 .. <paramref name="count"/> - 1, in parallel where cores are free.</summary>
    public static void For(int count, Action<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new Exception?[count];
        Parallel.For(0, count, i =>
        {
            try
            {
                body(i);
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        });
        if (errors.FirstOrDefault(e => e is not null) is { } first) ExceptionDispatchInfo.Throw(first);
    }
}
