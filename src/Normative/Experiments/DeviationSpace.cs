namespace Normative.Experiments;

/// <summary>Where a deviation is measured: the joint latent (D_ml, Table 1 A) or the regional errors (D_mf, Table 1 B).</summary>
public enum DeviationSpace
{
    Latent,
    Feature,
}
