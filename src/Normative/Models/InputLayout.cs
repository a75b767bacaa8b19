namespace Normative.Models;

/// <summary>How a model's encoders see the modalities.</summary>
public enum InputLayout
{
    /// <summary>One encoder and decoder per modality, fused by an aggregator (mmVAE, mmSIVAE).</summary>
    PerModality,

    /// <summary>All modalities concatenated into one input with one encoder and decoder (VAE, SIVAE).</summary>
    Concatenated,
}
