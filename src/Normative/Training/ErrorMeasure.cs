namespace Normative.Training;

/// <summary>How a region's reconstruction error d_j is measured on the z-scored input.</summary>
public enum ErrorMeasure
{
    /// <summary>(x - x_hat)^2, the paper's text (§3.4); the default.</summary>
    Squared,

    /// <summary>|x - x_hat|, the authors' released code.</summary>
    Absolute,
}
