using static TorchSharp.torch;

namespace Normative.Tests.TestData;

internal static class TensorAssert
{
    public static double[] Values(Tensor t) => t.detach().to_type(ScalarType.Float64).cpu().contiguous().data<double>().ToArray();

    public static void Close(Tensor expected, Tensor actual, double tolerance)
    {
        Assert.Equal(expected.shape, actual.shape);
        var e = Values(expected);
        var a = Values(actual);
        for (int i = 0; i < e.Length; i++) Assert.True(Math.Abs(e[i] - a[i]) <= tolerance, $"Element {i}: expected {e[i]}, got {a[i]}.");
    }

    public static float[][] Snapshot(IEnumerable<TorchSharp.Modules.Parameter> parameters) =>
        parameters.Select(p => p.detach().cpu().contiguous().data<float>().ToArray()).ToArray();
}
