using System.Runtime.CompilerServices;

// Test classes run one after another. TorchSharp 0.107 leaves the Scalars it creates for `0.5 * tensor` to
// the GC finalizer; with classes in parallel, a collection triggered on one thread can finalize a Scalar
// another thread is still passing to libtorch (dotnet/TorchSharp#1434, #1496), which showed up here as
// random "Unknown scalar type" failures. Sequential is also faster on this 2-core machine (whole suite
// 21 s vs 30 s in parallel, one measurement on a loaded machine).
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]

namespace Normative.Tests.TestData;

/// <summary>
/// The test tensors are tiny; one intra-op thread per test avoids oversubscription (libtorch would
/// otherwise spin one thread per core).
/// </summary>
internal static class TorchThreads
{
    [ModuleInitializer]
    internal static void UseOneThread() => TorchSharp.torch.set_num_threads(1);
}
