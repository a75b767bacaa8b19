using TorchSharp;
using static TorchSharp.torch;

namespace Normative.Tests.Environment;

/// <summary>TorchSharp loads on this platform and a small network trains on the CPU.</summary>
public sealed class TorchSharpSmokeTests
{
    [Fact]
    public void SmallMlpForwardAndBackwardGiveFiniteGradients()
    {
        torch.manual_seed(1);
        using var mlp = nn.Sequential(
            ("fc1", nn.Linear(8, 16)), ("relu", nn.ReLU()), ("fc2", nn.Linear(16, 1)));
        using var scope = NewDisposeScope();
        var x = randn(32, 8);
        var y = randn(32, 1);
        var loss = nn.functional.mse_loss(mlp.forward(x), y);
        loss.backward();

        Assert.True(float.IsFinite(loss.item<float>()));
        foreach (var p in mlp.parameters())
        {
            Assert.NotNull(p.grad);
            Assert.True(p.grad!.isfinite().all().item<bool>());
            Assert.True(p.grad.abs().sum().item<float>() > 0f);
        }
    }

    [Fact]
    public void SeededRunsGiveIdenticalNumbers()
    {
        static float Run()
        {
            torch.manual_seed(7);
            using var layer = nn.Linear(4, 2);
            using var scope = NewDisposeScope();
            return layer.forward(randn(3, 4)).sum().item<float>();
        }
        Assert.Equal(Run(), Run());
    }
}
