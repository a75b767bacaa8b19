using static TorchSharp.torch;

namespace Normative.Models;

/// <summary>Turns a device name from options or the command line into a torch device, with a clear error.</summary>
public static class ModelDevice
{
    /// <summary>"cpu", "cuda" or "cuda:N".</summary>
    public static Device Parse(string name)
    {
        var trimmed = name.Trim().ToLowerInvariant();
        if (trimmed == "cpu") return CPU;
        if (trimmed == "cuda" || trimmed.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!cuda.is_available())
                throw new InvalidOperationException($"Device '{name}' was requested but CUDA is not available to TorchSharp here (the CPU package TorchSharp-cpu is referenced; see environment/README.md for the CUDA swap). Use --device cpu.");
            return device(trimmed);
        }
        throw new ArgumentException($"Unknown device '{name}'; expected cpu, cuda or cuda:N.", nameof(name));
    }
}
