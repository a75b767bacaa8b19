namespace Normative.Deviation;

/// <summary>
/// What a model gives per subject for deviation scoring: the subject latent z_j [n, d] (aggregated
/// posterior mean, design §5) and the per-region reconstruction errors d_j [n, R] over all modalities,
/// with the error kind they were computed with so a reference cannot mix squared and absolute errors, and
/// optionally the signed residuals x - x̂ [n, R] the errors were measured from.
/// </summary>
public sealed class DeviationInputs
{
    /// <param name="latents">[n, d] subject latents, rows = subjects.</param>
    /// <param name="regionalErrors">[n, R] per-region errors, same subjects in the same order.</param>
    /// <param name="errorKind">How <paramref name="regionalErrors"/> were computed.</param>
    /// <param name="residuals">[n, R] signed residuals x - x̂ in the columns of <paramref name="regionalErrors"/>; null when not kept.</param>
    public DeviationInputs(double[,] latents, double[,] regionalErrors, RegionalErrorKind errorKind, double[,]? residuals = null)
    {
        ArrayInput.RequireFinite(latents, nameof(latents));
        ArrayInput.RequireFinite(regionalErrors, nameof(regionalErrors));
        if (latents.GetLength(0) != regionalErrors.GetLength(0))
            throw new ArgumentException(
                $"'{nameof(latents)}' has {latents.GetLength(0)} rows but '{nameof(regionalErrors)}' has {regionalErrors.GetLength(0)}; both need one row per subject.",
                nameof(regionalErrors));
        if (residuals is not null)
        {
            ArrayInput.RequireFinite(residuals, nameof(residuals));
            if (residuals.GetLength(0) != regionalErrors.GetLength(0) || residuals.GetLength(1) != regionalErrors.GetLength(1))
                throw new ArgumentException(
                    $"'{nameof(residuals)}' is [{residuals.GetLength(0)}, {residuals.GetLength(1)}] but '{nameof(regionalErrors)}' is [{regionalErrors.GetLength(0)}, {regionalErrors.GetLength(1)}].",
                    nameof(residuals));
        }
        Latents = latents;
        RegionalErrors = regionalErrors;
        ErrorKind = errorKind;
        Residuals = residuals;
    }

    /// <summary>
    /// Builds the inputs from z-scored inputs and their reconstructions, each given per modality
    /// ([n, R_m], same modality order in both), joined into one error matrix in that order.
    /// </summary>
    public static DeviationInputs FromReconstructions(double[,] latents, IReadOnlyList<double[,]> inputs,
        IReadOnlyList<double[,]> reconstructions, RegionalErrorKind errorKind)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(reconstructions);
        if (inputs.Count != reconstructions.Count)
            throw new ArgumentException($"{inputs.Count} input modalities but {reconstructions.Count} reconstructed ones.", nameof(reconstructions));
        var errors = inputs.Select((x, m) => RegionalError.Compute(x, reconstructions[m], errorKind)).ToArray();
        var residuals = inputs.Select((x, m) => RegionalError.Residual(x, reconstructions[m])).ToArray();
        return new DeviationInputs(latents, RegionalError.Concatenate(errors), errorKind, RegionalError.Concatenate(residuals));
    }

    /// <summary>[n, d] subject latents.</summary>
    public double[,] Latents { get; }

    /// <summary>[n, R] per-region reconstruction errors, all modalities.</summary>
    public double[,] RegionalErrors { get; }

    /// <summary>[n, R] signed residuals x - x̂, all modalities; null when the caller did not keep them.</summary>
    public double[,]? Residuals { get; }

    /// <summary>How the errors were computed.</summary>
    public RegionalErrorKind ErrorKind { get; }

    /// <summary>Number of subjects n.</summary>
    public int Count => Latents.GetLength(0);
}
