using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Normative.Models;

/// <summary>
/// The multimodal InfoNCE loss of jnf-paper App. B.2 (Eqs. B.2-B.4), averaged over the batch and summed
/// over pairs of modalities: with a_i = g_1(x_1^i)/||g_1(x_1^i)|| and b_i likewise,
/// L_{1,2}(i) = -log( exp(a_i·b_i / tau) / sum_k exp(a_i·b_k / tau) ) and L_{2,1} symmetrically.
/// </summary>
/// <remarks>
/// Oord, Li and Vinyals, "Representation Learning with Contrastive Predictive Coding", 2018
/// (arXiv:1807.03748); Radford et al., "Learning Transferable Visual Models From Natural Language
/// Supervision" (CLIP), 2021. The subjects of a batch are each other's negatives.
/// </remarks>
public static class ContrastiveLoss
{
    /// <summary>sum_{j &lt; l} mean_i (L_{j,l}(i) + L_{l,j}(i)) for projections [n, k] of the same n subjects.</summary>
    /// <param name="projections">One [n, k] tensor per modality. Range: two or more.</param>
    /// <param name="temperature">tau. Range: &gt; 0.</param>
    public static Tensor InfoNce(IReadOnlyList<Tensor> projections, double temperature)
    {
        if (projections.Count < 2) throw new ArgumentException("The contrastive loss needs two or more modalities.", nameof(projections));
        using var scope = NewDisposeScope();
        var normalised = projections.Select(p => functional.normalize(p, p: 2, dim: 1)).ToArray();
        var target = arange(normalised[0].shape[0], ScalarType.Int64, normalised[0].device);
        Tensor? total = null;
        for (int j = 0; j < normalised.Length; j++)
        {
            for (int l = j + 1; l < normalised.Length; l++)
            {
                var logits = normalised[j].matmul(normalised[l].t()) / temperature;
                var pair = functional.cross_entropy(logits, target) + functional.cross_entropy(logits.t(), target);
                total = total is null ? pair : total + pair;
            }
        }
        return total!.MoveToOuterDisposeScope();
    }
}
