namespace Normative.Models;

/// <summary>
/// VAE with one encoder and one decoder: a single modality, or all modalities concatenated into one
/// input (the paper's unimodal baseline), trained on the negative ELBO like <see cref="MmVae"/>.
/// </summary>
/// <remarks>
/// Kingma and Welling, "Auto-Encoding Variational Bayes", ICLR 2014 (arXiv:1312.6114); as a normative
/// model: Pinaya et al., "Using normative modelling to detect disease progression in mild cognitive
/// impairment and Alzheimer's disease in a cross-sectional multi-cohort study", Sci. Rep. 2021. Every
/// subject needs every modality (a concatenated input has no subset posterior).
/// </remarks>
public sealed class Vae : MmVae
{
    public Vae(ModelSpec spec) : base(spec, InputLayout.Concatenated)
    {
    }
}
