using Normative.Plots;

namespace Notebooks.Tests.Figures;

/// <summary>One headless Chromium shared by every figure test (starting it costs seconds; a render ~0.1-0.3 s).</summary>
public sealed class ChromiumFixture : IDisposable
{
    /// <summary>The renderer; its browser starts on the first render and fails then, with the install hint, if Chromium is absent.</summary>
    public PngRenderer Renderer { get; } = new();

    /// <inheritdoc/>
    public void Dispose() => Renderer.Dispose();
}

/// <summary>Tests that render in the shared browser.</summary>
[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Chromium";
}
