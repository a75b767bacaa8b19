namespace Normative.Tests;

public sealed class DeterministicParallelTests
{
    [Fact]
    public void Every_index_runs_once()
    {
        var hits = new int[1000];
        DeterministicParallel.For(hits.Length, i => Interlocked.Increment(ref hits[i]));
        Assert.All(hits, h => Assert.Equal(1, h));
    }

    [Fact]
    public void The_lowest_failing_index_is_rethrown_unwrapped()
    {
        // Later indices fail first in time; a sequential loop would have stopped at index 3.
        var error = Assert.Throws<InvalidOperationException>(() => DeterministicParallel.For(50, i =>
        {
            if (i == 3) { Thread.Sleep(50); throw new InvalidOperationException("index 3"); }
            if (i > 3) throw new InvalidOperationException($"index {i}");
        }));
        Assert.Equal("index 3", error.Message);
    }
}
