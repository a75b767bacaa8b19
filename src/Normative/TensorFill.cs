using TorchSharp;
using static TorchSharp.torch;

namespace Normative;

/// <summary>
/// <c>masked_fill</c> with a fill value whose native scalar is held alive until the call returns.
/// </summary>
/// <remarks>
/// Why: passing a double to <c>Tensor.masked_fill</c> converts it to a temporary TorchSharp Scalar whose only
/// reference ends when its handle is read, so the finalizer may free the native scalar while libtorch still reads
/// it. With two grid workers allocating (more garbage collections during native calls) this was seen once as
/// "Expected false to be true ... toFloat" from ProductOfExperts' -infinity fill (issue 17's grid benchmark).
/// </remarks>
internal static class TensorFill
{
    /// <summary><paramref name="tensor"/> with <paramref name="value"/> where <paramref name="mask"/> is true.</summary>
    public static Tensor MaskedFill(this Tensor tensor, Tensor mask, double value)
    {
        using Scalar scalar = value;
        return tensor.masked_fill(mask, scalar);
    }
}
