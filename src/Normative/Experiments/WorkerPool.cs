using static TorchSharp.torch;

namespace Normative.Experiments;

/// <summary>
/// Runs independent work items on dedicated threads, each with its own torch intra-op thread count, and returns
/// the results in item order whatever the order they finish in.
/// </summary>
/// <remarks>
/// Dedicated threads rather than the .NET thread pool: torch keeps its intra-op thread count per calling thread
/// (OpenMP), so a count set on a pool thread would leak into whatever runs there next.
/// </remarks>
internal static class WorkerPool
{
    /// <summary>
    /// Runs <paramref name="work"/> on every item with <paramref name="parallelism"/>. The first failure (or
    /// cancellation) stops the other workers before their next item and is rethrown once every worker has stopped;
    /// results already produced are then given to <paramref name="discard"/>.
    /// </summary>
    public static IReadOnlyList<TResult> Run<TItem, TResult>(IReadOnlyList<TItem> items, GridParallelism parallelism,
        Func<TItem, CancellationToken, TResult> work, Action<TResult> discard, CancellationToken cancellationToken)
        where TResult : class
    {
        var results = new TResult?[items.Count];
        if (parallelism.Workers == 1)
        {
            RunSerially(items, parallelism.Threads, work, discard, results, cancellationToken);
            return results!;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        int next = -1;
        var failures = new List<Exception>();
        void Worker()
        {
            set_num_threads(parallelism.Threads);
            try
            {
                for (int i = Interlocked.Increment(ref next); i < items.Count; i = Interlocked.Increment(ref next))
                {
                    stop.Token.ThrowIfCancellationRequested();
                    results[i] = work(items[i], stop.Token);
                }
            }
            catch (Exception e)
            {
                lock (failures) failures.Add(e);
                stop.Cancel();
            }
        }

        var threads = Enumerable.Range(0, Math.Min(parallelism.Workers, Math.Max(1, items.Count)))
            .Select(k => new Thread(Worker) { Name = $"grid worker {k + 1}", IsBackground = true }).ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        if (failures.Count > 0)
        {
            foreach (var result in results) if (result is not null) discard(result);
            // The worker that failed first caused the others' cancellations: report the real cause.
            var cause = failures.FirstOrDefault(e => e is not OperationCanceledException) ?? failures[0];
            if (cause is OperationCanceledException) cancellationToken.ThrowIfCancellationRequested();
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(cause).Throw();
        }
        return results!;
    }

    private static void RunSerially<TItem, TResult>(IReadOnlyList<TItem> items, int threads, Func<TItem, CancellationToken, TResult> work,
        Action<TResult> discard, TResult?[] results, CancellationToken cancellationToken) where TResult : class
    {
        int previous = get_num_threads();
        set_num_threads(threads);
        try
        {
            for (int i = 0; i < items.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results[i] = work(items[i], cancellationToken);
            }
        }
        catch
        {
            foreach (var result in results) if (result is not null) discard(result);
            throw;
        }
        finally
        {
            set_num_threads(previous);
        }
    }
}
