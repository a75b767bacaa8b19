using Normative.Models;
using Normative.Tests.TestData;
using TorchSharp;
using static TorchSharp.torch;

namespace Normative.Tests.Models;

public sealed class MaskedAutoregressiveFlowTests
{
    [Fact]
    public void TheLogDeterminantMatchesANumericalJacobian()
    {
        manual_seed(11);
        using var flow = new MaskedAutoregressiveFlow("flow", 4, 2, [8, 8]);
        flow.to(ScalarType.Float64);
        // Larger weights than the default initialisation, so the flow is far from the identity.
        using (no_grad()) foreach (var p in flow.parameters()) p.mul_(3.0);
        var z = tensor(new[] { 0.3, -1.2, 0.8, 0.1 }, [1, 4]);
        var (_, logDet) = flow.forward(z);

        // Central differences, h = 1e-6, in float64: error O(h^2) well below the 1e-6 tolerance.
        const double h = 1e-6;
        var jacobian = new double[4, 4];
        for (int j = 0; j < 4; j++)
        {
            var step = zeros(1, 4, ScalarType.Float64);
            step[0, j] = tensor(h);
            var plus = TensorAssert.Values(flow.forward(z + step).Base);
            var minus = TensorAssert.Values(flow.forward(z - step).Base);
            for (int i = 0; i < 4; i++) jacobian[i, j] = (plus[i] - minus[i]) / (2 * h);
        }
        double numerical = Math.Log(Math.Abs(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(jacobian).Determinant()));
        Assert.Equal(numerical, logDet.item<double>(), 6);
        Assert.True(Math.Abs(logDet.item<double>()) > 0.1, "The test flow should not be volume-preserving.");
    }

    [Fact]
    public void SamplingInvertsTheDensityDirection()
    {
        manual_seed(12);
        using var flow = new MaskedAutoregressiveFlow("flow", 5, 3, [16]);
        flow.to(ScalarType.Float64);
        using var noGrad = no_grad();
        foreach (var p in flow.parameters()) p.mul_(2.0);
        var u = randn(7, 5, ScalarType.Float64);
        var (back, _) = flow.forward(flow.FromBase(u));
        TensorAssert.Close(u, back, 1e-9);
    }

    [Fact]
    public void MadeOutputsDependOnlyOnEarlierDimensions()
    {
        manual_seed(13);
        using var made = new Made("made", 4, [6, 6]);
        // The masks are registered buffers, so they move with the module to a device and are saved with it.
        Assert.Equal(3, made.named_buffers().Count(b => b.name.EndsWith("mask")));
        var z = randn(1, 4).requires_grad_(true);
        var (shift, logScale) = made.forward(z);
        for (int i = 0; i < 4; i++)
        {
            var grad = TensorAssert.Values(autograd.grad([shift[0, i] + logScale[0, i]], [z], retain_graph: true)[0]);
            // Output i (0-based) may depend on inputs 0..i-1 only.
            for (int j = i; j < 4; j++) Assert.Equal(0.0, grad[j]);
        }
    }
}
