using static TorchSharp.torch;

namespace Normative.Models;

/// <summary>The mean and log-variance an encoder outputs for q(z | x) = N(Mu, diag exp(LogVar)).</summary>
public readonly record struct GaussianParameters(Tensor Mu, Tensor LogVar);
