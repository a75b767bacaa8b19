namespace Normative.Cli.Infrastructure;

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread, in order (System.Progress posts to the thread pool).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
