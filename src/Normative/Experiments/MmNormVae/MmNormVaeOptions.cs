using Normative.Aggregation;
using Normative.Data.Synthetic;

namespace Normative.Experiments.MmNormVae;

/// <summary>What the mmNormVAE experiment generates, trains and compares.</summary>
public sealed record MmNormVaeOptions
{
    /// <summary>The multimodal model: mmVAE with a product of experts over the three feature sets (the poster's mmNormVAE).</summary>
    public static MethodSpec Multimodal { get; } = new("mmNormVAE (mmVAE-PoE)", "Multimodal", "mmvae", AggregatorKind.PoE);

    /// <summary>The unimodal baseline: one VAE over the three feature sets concatenated.</summary>
    public static MethodSpec Unimodal { get; } = new("VAE (concatenated)", "Unimodal baseline", "vae");

    /// <summary>Name of the configuration written to run.json ("full", "quick" or "test").</summary>
    public string Configuration { get; init; } = "full";

    /// <summary>The two studies (seed, sizes, parameter file).</summary>
    public TwoStudyOptions Studies { get; init; } = new();

    /// <summary>Training and deviation settings; its methods default to <see cref="Multimodal"/> and <see cref="Unimodal"/>
    /// and its one latent size is the experiment's.</summary>
    public GridOptions Grid { get; init; } = new() { Methods = [Multimodal, Unimodal], LatentSizes = [10], Seeds = [0, 1, 2], IncludeBaseline = false };

    /// <summary>The site handlings compared (default both: what the shift does, and what adaptation repairs).</summary>
    public IReadOnlyList<SiteHandling> Handlings { get; init; } = [SiteHandling.None, SiteHandling.ComBatAdapted];

    /// <summary>Significance level of a regional deviation (one-sided, per subject and region) and the FDR level. Range: (0, 1).</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>Results folder; null: nothing written.</summary>
    public string? OutputFolder { get; init; }

    /// <summary>The quick configuration: all 10,000 controls, one seed, 40 epochs at lr 1e-3 (the full run: seeds 0-2, the default preset).</summary>
    public static MmNormVaeOptions Quick(string? outputFolder = null) => new()
    {
        Configuration = "quick",
        OutputFolder = outputFolder,
        Grid = new GridOptions { Methods = [Multimodal, Unimodal], LatentSizes = [10], Seeds = [0], Epochs = 40, LearningRate = 1e-3, IncludeBaseline = false },
    };
}
