using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Normative.Models;

/// <summary>
/// A masked autoregressive flow of K MADE blocks with the dimension order reversed between blocks.
/// Block k maps z to u with u_i = (z_i - m_i(z_{&lt;i})) exp(-s_i(z_{&lt;i})), so
/// log |det du/dz| = -sum_i s_i; a density on z is log q(z) = log q_0(u) + sum_k log |det du_k/dz_k|
/// (jnf-paper Eq. 10, with f_k the inverse of these maps).
/// </summary>
/// <remarks>
/// Papamakarios, Pavlakou and Murray, "Masked Autoregressive Flow for Density Estimation", NeurIPS 2017
/// (arXiv:1705.07057). Evaluating a density (z to u, <see cref="forward"/>) takes one pass per block;
/// sampling (u to z, <see cref="FromBase"/>) inverts each block one dimension at a time, d passes.
/// </remarks>
public sealed class MaskedAutoregressiveFlow : Module<Tensor, (Tensor Base, Tensor LogDet)>
{
    private readonly ModuleList<Made> blocks;

    /// <param name="name">Module name.</param>
    /// <param name="dimension">d. Range: &gt;= 1.</param>
    /// <param name="blockCount">K. Range: &gt;= 1.</param>
    /// <param name="hiddenWidths">Hidden widths of each MADE.</param>
    public MaskedAutoregressiveFlow(string name, int dimension, int blockCount, IReadOnlyList<int> hiddenWidths) : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockCount, 1);
        Dimension = dimension;
        blocks = ModuleList(Enumerable.Range(0, blockCount).Select(k => new Made($"made{k + 1}", dimension, hiddenWidths)).ToArray());
        RegisterComponents();
    }

    /// <summary>d.</summary>
    public int Dimension { get; }

    /// <summary>u = f^{-1}(z) and log |det du/dz| per row: z [n, d] to ([n, d], [n]).</summary>
    public override (Tensor Base, Tensor LogDet) forward(Tensor z)
    {
        using var scope = NewDisposeScope();
        var h = z;
        Tensor logDet = zeros(z.shape[0], z.dtype, z.device);
        foreach (var block in blocks)
        {
            var (shift, logScale) = block.forward(h);
            h = ((h - shift) * (-logScale).exp()).flip(-1);
            logDet = logDet - logScale.sum(-1);
        }
        return (h.MoveToOuterDisposeScope(), logDet.MoveToOuterDisposeScope());
    }

    /// <summary>z = f(u): the inverse of <see cref="forward"/>, [n, d] to [n, d].</summary>
    public Tensor FromBase(Tensor u)
    {
        using var scope = NewDisposeScope();
        var h = u;
        for (int k = blocks.Count - 1; k >= 0; k--)
        {
            var target = h.flip(-1);
            // z_i depends on z_{<i} only, so after pass i the first i coordinates are exact.
            var z = zeros_like(target);
            for (int i = 0; i < Dimension; i++)
            {
                var (shift, logScale) = blocks[k].forward(z);
                z = target * logScale.exp() + shift;
            }
            h = z;
        }
        return h.MoveToOuterDisposeScope();
    }
}
