using static TorchSharp.torch;

namespace Normative.Models;

/// <summary>
/// Hamiltonian Monte Carlo (jnf-paper App. F): n independent chains on a target f(z) known up to a
/// constant. Each iteration draws a momentum v ~ N(0, I), integrates H(z, v) = -log f(z) + v'v/2 with
/// L leapfrog steps of size eps (Eq. F.2) and accepts the end point with probability
/// min(1, exp(H(z_0, v_0) - H(z', v'))) (Metropolis correction); gradients of log f come from autograd.
/// </summary>
/// <remarks>
/// Neal, "MCMC using Hamiltonian dynamics", Handbook of Markov Chain Monte Carlo, 2011
/// (arXiv:1206.1901). Every random draw comes from the given generator, so a seed fixes the chains.
/// A proposal whose energy is not finite is rejected.
/// </remarks>
public sealed class HamiltonianMonteCarlo
{
    /// <param name="leapfrogSteps">L. Range: &gt;= 1.</param>
    /// <param name="stepSize">eps. Range: &gt; 0.</param>
    /// <param name="burnIn">Iterations discarded before collecting. Range: &gt;= 0.</param>
    /// <param name="samples">Iterations collected (one sample per chain each). Range: &gt;= 1.</param>
    public HamiltonianMonteCarlo(int leapfrogSteps, double stepSize, int burnIn, int samples)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(leapfrogSteps, 1);
        if (!(stepSize > 0) || double.IsInfinity(stepSize)) throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "The leapfrog step size must be positive and finite.");
        ArgumentOutOfRangeException.ThrowIfNegative(burnIn);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        LeapfrogSteps = leapfrogSteps;
        StepSize = stepSize;
        BurnIn = burnIn;
        Samples = samples;
    }

    /// <summary>L.</summary>
    public int LeapfrogSteps { get; }

    /// <summary>eps.</summary>
    public double StepSize { get; }

    /// <summary>Discarded iterations.</summary>
    public int BurnIn { get; }

    /// <summary>Collected iterations.</summary>
    public int Samples { get; }

    /// <summary>Runs the chains from <paramref name="initial"/> [n, d].</summary>
    /// <param name="logDensity">log f(z) up to a constant, [n, d] to [n]; must be differentiable in z.</param>
    /// <param name="initial">Starting points, one chain per row.</param>
    /// <param name="generator">Random source (CPU); every draw comes from it.</param>
    public Result Sample(Func<Tensor, Tensor> logDensity, Tensor initial, Generator generator)
    {
        using var scope = NewDisposeScope();
        using var gradients = enable_grad();
        var z = initial.detach().clone();
        var (logF, grad) = Evaluate(logDensity, z);
        var kept = new List<Tensor>(Samples);
        long accepted = 0, proposals = 0;
        for (int iteration = 0; iteration < BurnIn + Samples; iteration++)
        {
            using var step = NewDisposeScope();
            var v0 = Normal(z, generator);
            var v = v0 + 0.5 * StepSize * grad;
            var proposal = z;
            Tensor proposalLogF = logF, proposalGrad = grad;
            for (int l = 1; l <= LeapfrogSteps; l++)
            {
                proposal = proposal + StepSize * v;
                (proposalLogF, proposalGrad) = Evaluate(logDensity, proposal);
                v = v + (l < LeapfrogSteps ? StepSize : 0.5 * StepSize) * proposalGrad;
            }
            var energyBefore = -logF + 0.5 * v0.square().sum(-1);
            var energyAfter = -proposalLogF + 0.5 * v.square().sum(-1);
            var uniform = rand(z.shape[0], ScalarType.Float64, generator.device, generator: generator).to(z.device);
            var accept = uniform.log().lt((energyBefore - energyAfter).to_type(ScalarType.Float64)).logical_and(energyAfter.isfinite());
            accepted += accept.sum().item<long>();
            proposals += z.shape[0];
            var column = accept.unsqueeze(-1);
            var (previousZ, previousLogF, previousGrad) = (z, logF, grad);
            z = where(column, proposal, z).MoveToOuterDisposeScope();
            logF = where(accept, proposalLogF, logF).MoveToOuterDisposeScope();
            grad = where(column, proposalGrad, grad).MoveToOuterDisposeScope();
            // The replaced state lives in the outer scope: free it now, or a long run holds every iteration's copy.
            previousZ.Dispose();
            previousLogF.Dispose();
            previousGrad.Dispose();
            if (iteration >= BurnIn) kept.Add(z.clone().MoveToOuterDisposeScope());
        }
        var samples = stack(kept, 0).MoveToOuterDisposeScope();
        return new Result(samples, (double)accepted / proposals);
    }

    private static (Tensor LogF, Tensor Grad) Evaluate(Func<Tensor, Tensor> logDensity, Tensor z)
    {
        var point = z.detach().requires_grad_(true);
        var logF = logDensity(point);
        var grad = autograd.grad([logF.sum()], [point])[0];
        return (logF.detach(), grad.detach());
    }

    private static Tensor Normal(Tensor like, Generator generator) =>
        randn(like.shape, like.dtype, generator.device, generator: generator).to(like.device);

    /// <summary>The collected samples [S, n, d] and the fraction of accepted proposals over all iterations.</summary>
    public sealed record Result(Tensor Samples, double AcceptanceRate);
}
