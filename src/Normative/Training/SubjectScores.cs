using Normative.Deviation;

namespace Normative.Training;

/// <summary>
/// Per-subject outputs of a trained model as plain arrays, for the deviation code: the latent, the
/// reconstruction of every modality, the per-region errors and the signed residuals. Rows follow <see cref="SubjectIds"/>.
/// </summary>
/// <remarks>
/// A subject's latent comes from the subset posterior of the modalities it has; reconstructions of a
/// missing modality are the model's cross-modal prediction, and its errors are NaN (there is nothing
/// to compare with), as are its residuals.
/// </remarks>
public sealed class SubjectScores
{
    public SubjectScores(IReadOnlyList<string> subjectIds, IReadOnlyList<string> modalityNames, double[,] latent,
        IReadOnlyList<double[,]> reconstructions, IReadOnlyList<double[,]> errors, bool[,] observed, RegionalErrorKind errorKind,
        IReadOnlyList<double[,]> residuals)
    {
        ArgumentNullException.ThrowIfNull(residuals);
        if (residuals.Count != errors.Count)
            throw new ArgumentException($"{residuals.Count} residual blocks for {errors.Count} error blocks.", nameof(residuals));
        SubjectIds = subjectIds;
        ModalityNames = modalityNames;
        Latent = latent;
        Reconstructions = reconstructions;
        Errors = errors;
        Observed = observed;
        ErrorKind = errorKind;
        Residuals = residuals;
    }

    public IReadOnlyList<string> SubjectIds { get; }

    public IReadOnlyList<string> ModalityNames { get; }

    /// <summary>Subject latent [n, d].</summary>
    public double[,] Latent { get; }

    /// <summary>Per modality the reconstruction [n, p_m] in the model's (z-scored) input space.</summary>
    public IReadOnlyList<double[,]> Reconstructions { get; }

    /// <summary>Per modality the per-region error [n, p_m] (NaN for a modality the subject lacks).</summary>
    public IReadOnlyList<double[,]> Errors { get; }

    /// <summary>Which modalities each subject has [n, M].</summary>
    public bool[,] Observed { get; }

    /// <summary>How <see cref="Errors"/> were measured.</summary>
    public RegionalErrorKind ErrorKind { get; }

    /// <summary>
    /// Per modality the signed residual x - x̂ [n, p_m] of the z-scored input (NaN for a modality the subject
    /// lacks). Unlike a squared error it keeps the direction of a deviation: a disease lowers MRI volumes
    /// (negative residuals; the ventricles grow) and raises amyloid SUVR (positive ones), see <see cref="Data.DiseaseDirections"/>.
    /// </summary>
    public IReadOnlyList<double[,]> Residuals { get; }

    /// <summary>The residuals of all modalities side by side [n, sum_m p_m], in the order of <see cref="AllErrors"/>.</summary>
    public double[,] AllResiduals() => RegionalError.Concatenate(Residuals);

    /// <summary>The modalities subject row <paramref name="row"/> was scored with.</summary>
    public ModalityPattern Pattern(int row) =>
        new(ModalityNames.Where((_, m) => Observed[row, m]).ToArray());

    /// <summary>
    /// The deviation inputs of these subjects: latents, every modality's errors as one block each, and the
    /// observed mask (the one path from scoring into <see cref="NormativeReferenceSet"/>).
    /// </summary>
    public DeviationInputs ToDeviationInputs() => new(Latent, ModalityNames, Errors, Observed, ErrorKind, Residuals);

    /// <summary>The errors of all modalities side by side [n, sum_m p_m] (the D_mf feature vector; NaN where unobserved).</summary>
    public double[,] AllErrors()
    {
        int n = SubjectIds.Count;
        var all = new double[n, Errors.Sum(e => e.GetLength(1))];
        int offset = 0;
        foreach (var e in Errors)
        {
            for (int i = 0; i < n; i++)
                for (int j = 0; j < e.GetLength(1); j++) all[i, offset + j] = e[i, j];
            offset += e.GetLength(1);
        }
        return all;
    }
}
