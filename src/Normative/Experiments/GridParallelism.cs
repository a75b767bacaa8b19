namespace Normative.Experiments;

/// <summary>
/// How a grid uses the machine's cores: <paramref name="Workers"/> independent work items at once, each on its own
/// thread with <paramref name="Threads"/> torch intra-op threads.
/// </summary>
/// <remarks>
/// The default is one worker per core with one torch thread each. The networks are small MLPs (64-32 units, batch
/// 64): a step is dominated by per-operation overhead that intra-op threads cannot share, while independent
/// models scale with the cores. Measured on the package's shared 2-core machine, always under load from other work
/// (benchmark <c>grid</c> mode, tests/Normative.Benchmarks, d = 15, 20 epochs): 1 worker x 2 threads had not finished
/// after 35 minutes a grid that 1 x 1 trained in 41 s (torch's threads spin against each other when the cores are
/// busy), so extra cores go to workers, not to torch threads. 2 workers against 1 was 24 s vs 41 s and 52 s vs 195 s in
/// two runs and 63 s vs 50 s in a third (load average 11-15 at the time): the default assumes the cores are free.
/// Results do not depend on <paramref name="Workers"/>:
/// every run owns its seeded generators, so a grid gives identical numbers serially or in parallel; with
/// <paramref name="Threads"/> above 1 torch may sum in another order, so numbers can differ in the last bits.
/// </remarks>
/// <param name="Workers">Work items trained at the same time. Range: &gt;= 1.</param>
/// <param name="Threads">Torch intra-op threads of each worker. Range: &gt;= 1.</param>
public sealed record GridParallelism(int Workers, int Threads)
{
    /// <summary>One worker per core, one torch thread each (see remarks for the measurement behind it).</summary>
    public static GridParallelism ForCores(int cores) => new(Math.Max(1, cores), 1);

    /// <summary>The default for this machine, with the caller's overrides (null keeps the default).</summary>
    /// <remarks>Given threads but no workers, the cores are shared out: workers = max(1, cores / threads).</remarks>
    public static GridParallelism Resolve(int? workers, int? threads, int cores)
    {
        if (workers is int w) ArgumentOutOfRangeException.ThrowIfLessThan(w, 1, "workers");
        if (threads is int t) ArgumentOutOfRangeException.ThrowIfLessThan(t, 1, "threads");
        int chosenThreads = threads ?? 1;
        int chosenWorkers = workers ?? Math.Max(1, Math.Max(1, cores) / chosenThreads);
        return new GridParallelism(chosenWorkers, chosenThreads);
    }
}
