namespace Normative.Deviation;

/// <summary>
/// What a model gives per subject for deviation scoring: the subject latent z_j [n, d] (aggregated
/// posterior mean, design §5) and the per-region reconstruction errors d_j [n, R] over all modalities,
/// with the error kind they were computed with so a reference cannot mix squared and absolute errors.
/// </summary>
public sealed class DeviationInputs
{
    /// <param name="latents">[n, d] subject latents, rows = subjects.</param>
    /// <param name="regionalErrors">[n, R] per-region errors, same subjects in the same order.</param>
    /// <param name="errorKind">How <paramref name="regionalErrors"/> were computed.</param>
    public DeviationInputs(double[,] latents, double[,] regionalErrors, RegionalErrorKind errorKind)
    {
        ArrayInput.RequireFinite(latents, nameof(latents));
        ArrayInput.RequireFinite(regionalErrors, nameof(regionalErrors));
        if (latents.GetLength(0) != regionalErrors.GetLength(0))
            throw new ArgumentException(
                $"'{nameof(latents)}' has {latents.GetLength(0)} rows but '{nameof(regionalErrors)}' has {regionalErrors.GetLength(0)}; both need one row per subject.",
                nameof(regionalErrors));
        Latents = latents;
        RegionalErrors = regionalErrors;
        ErrorKind = errorKind;
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
        return new DeviationInputs(latents, RegionalError.Concatenate(errors), errorKind);
    }

    /// <summary>[n, d] subject latents.</summary>
    public double[,] Latents { get; }

    /// <summary>[n, R] per-region reconstruction errors, all modalities.</summary>
    public double[,] RegionalErrors { get; }

    /// <summary>How the errors were computed.</summary>
    public RegionalErrorKind ErrorKind { get; }

    /// <summary>Number of subjects n.</summary>
    public int Count => Latents.GetLength(0);
}
