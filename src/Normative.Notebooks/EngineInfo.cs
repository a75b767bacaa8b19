namespace Normative.Notebooks;

/// <summary>Identity of the notebook engine, reported by the kernel and written into notebooks.</summary>
public static class EngineInfo
{
    /// <summary>Jupyter kernelspec name of the package's C# kernel.</summary>
    public const string KernelName = "normative-csharp";
}
