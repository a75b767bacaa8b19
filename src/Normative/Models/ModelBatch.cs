using Normative.Data;
using static TorchSharp.torch;

namespace Normative.Models;

/// <summary>A mini-batch as models see it: per-modality inputs, covariates and the availability mask.</summary>
/// <param name="Modalities">Per modality a float tensor [n, p_m].</param>
/// <param name="Covariates">Float tensor [n, c].</param>
/// <param name="Observed">Bool tensor [n, M].</param>
public sealed record ModelBatch(IReadOnlyList<Tensor> Modalities, Tensor Covariates, Tensor Observed)
{
    /// <summary>Number of subjects n.</summary>
    public int Count => (int)Covariates.shape[0];

    /// <summary>The whole of <paramref name="data"/> as one batch (tensors are shared, not copied).</summary>
    public static ModelBatch From(SubjectTensors data) => new(data.Modalities, data.Covariates, data.Observed);

    /// <summary>The rows at <paramref name="index"/> (an int64 tensor).</summary>
    public ModelBatch Rows(Tensor index) => new(
        Modalities.Select(t => t.index_select(0, index)).ToArray(),
        Covariates.index_select(0, index),
        Observed.index_select(0, index));
}
