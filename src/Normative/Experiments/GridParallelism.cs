namespace Normative.Experiments;

/// <summary>
/// How a local grid run uses the machine's cores: <paramref name="Workers"/> tasks at once, each in its own worker
/// process (<see cref="Grid.GridWorkers"/>) with <paramref name="Threads"/> torch intra-op threads.
/// </summary>
/// <remarks>
/// Worker processes, not threads: with TorchSharp 0.107, training threads in one process crash sporadically with a
/// native error ("Expected false to be true ... toFloat" from masked_fill or mul_ with a scalar; seen twice). The likely
/// cause: a temporary TorchSharp Scalar (from an implicit double conversion) is unreachable once its handle is read, and
/// a garbage collection triggered by another thread finalizes it while libtorch still reads it. Separate processes share
/// no garbage collector.
/// The default: as many workers as cores, each with one torch thread. Measured on the package's shared 2-core machine
/// under heavy load from other work (load average 25-64), <c>reproduce --quick --latents 15</c> (16 models, 60 epochs):
/// 2 workers x 1 thread trained all 9 tasks in 1050 s, mmSIVAE-MoPoE alone in 245 s (while the other worker trained);
/// 1 worker x 2 threads needed 855 s for that same first model (stopped there). An earlier in-process benchmark agrees:
/// 1 x 2 threads had not finished after 35 minutes a grid that 1 x 1 trained in 41 s (torch's threads spin against
/// each other on busy cores), so torch threads stay at 1 unless there are more cores than workers.
/// Threads are part of every model's identity (<see cref="TrainedModelCache.Key"/>): torch may sum in another order
/// on more threads, so results are identical for the same thread count whatever the number of workers, the order of
/// the tasks or an interruption; a different thread count may differ in the last float bits and trains its own models.
/// </remarks>
/// <param name="Workers">Tasks at once. Range: &gt;= 1.</param>
/// <param name="Threads">Torch intra-op threads of each worker. Range: &gt;= 1.</param>
public sealed record GridParallelism(int Workers, int Threads)
{
    /// <summary>
    /// The caller's choices with the defaults filled in for <paramref name="cores"/> cores: workers = cores, threads =
    /// max(1, cores / workers) (null keeps the default).
    /// </summary>
    public static GridParallelism Resolve(int? workers, int? threads, int cores)
    {
        if (workers is int w) ArgumentOutOfRangeException.ThrowIfLessThan(w, 1, "workers");
        if (threads is int t) ArgumentOutOfRangeException.ThrowIfLessThan(t, 1, "threads");
        ArgumentOutOfRangeException.ThrowIfLessThan(cores, 1);
        int resolvedWorkers = workers ?? cores;
        return new GridParallelism(resolvedWorkers, threads ?? Math.Max(1, cores / resolvedWorkers));
    }
}
