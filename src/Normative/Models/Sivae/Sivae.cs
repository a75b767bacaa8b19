namespace Normative.Models;

/// <summary>
/// Soft-introspective VAE (SIVAE): <see cref="MmSivae"/> with one encoder and one decoder over a single
/// modality or all modalities concatenated (the paper's unimodal introspective baseline).
/// </summary>
/// <remarks>Daniel and Tamar, "Soft-IntroVAE: Analyzing and Improving the Introspective Variational
/// Autoencoder", CVPR 2021 (arXiv:2012.13253). Every subject needs every modality.</remarks>
public sealed class Sivae : MmSivae
{
    public Sivae(ModelSpec spec) : base(spec, InputLayout.Concatenated)
    {
    }
}
