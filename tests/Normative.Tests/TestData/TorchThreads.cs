using System.Runtime.CompilerServices;

namespace Normative.Tests.TestData;

/// <summary>
/// The test tensors are tiny and xunit runs test classes in parallel on a 2-core machine; one intra-op
/// thread per test avoids oversubscription (libtorch would otherwise spin one thread per core in each).
/// </summary>
internal static class TorchThreads
{
    [ModuleInitializer]
    internal static void UseOneThread() => TorchSharp.torch.set_num_threads(1);
}
