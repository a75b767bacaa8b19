namespace Normative.Experiments;

/// <summary>
/// How a grid uses the machine's cores: <paramref name="Workers"/> independent work items at once, each on its own
/// thread with <paramref name="Threads"/> torch intra-op threads.
/// </summary>
/// <remarks>
/// The default is ONE worker with one torch thread, and more workers are opt-in: with TorchSharp 0.107, worker threads
/// in one process crash sporadically with a native error ("Expected false to be true ... toFloat" from masked_fill or
/// mul_ with a scalar; seen twice, in the grid benchmark and in <c>reproduce --quick</c>). The likely cause: a temporary
/// TorchSharp Scalar (from an implicit double conversion) is unreachable once its handle is read, and a garbage
/// collection triggered by another worker finalizes it while libtorch still reads it; one thread cannot trigger a
/// collection while it is itself in native code, so a single worker is safe. The fix is worker processes (not done).
/// Measured on the package's shared 2-core machine, always under load from other work (benchmark <c>grid</c> mode,
/// tests/Normative.Benchmarks, d = 15, 20 epochs): 1 worker x 2 torch threads had not finished after 35 minutes a grid
/// that 1 x 1 trained in 41 s (torch's threads spin against each other on busy cores), so torch threads stay at 1.
/// 2 workers against 1 was 24 s vs 41 s and 52 s vs 195 s in two runs and 63 s vs 50 s in a third (load average 11-15).
/// Results do not depend on <paramref name="Workers"/>: every run owns its seeded generators, so a grid gives identical
/// numbers serially or in parallel; with <paramref name="Threads"/> above 1 torch may sum in another order.
/// </remarks>
/// <param name="Workers">Work items trained at the same time. Range: &gt;= 1.</param>
/// <param name="Threads">Torch intra-op threads of each worker. Range: &gt;= 1.</param>
public sealed record GridParallelism(int Workers, int Threads)
{
    /// <summary>The default (one worker, one torch thread; see remarks) with the caller's overrides (null keeps the default).</summary>
    public static GridParallelism Resolve(int? workers, int? threads)
    {
        if (workers is int w) ArgumentOutOfRangeException.ThrowIfLessThan(w, 1, "workers");
        if (threads is int t) ArgumentOutOfRangeException.ThrowIfLessThan(t, 1, "threads");
        return new GridParallelism(workers ?? 1, threads ?? 1);
    }
}
