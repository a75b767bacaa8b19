namespace Normative.Deviation;

/// <summary>
/// What a model gives per subject for deviation scoring: the subject latent z_j [n, d] (aggregated
/// posterior mean, design §5), the per-region reconstruction errors d_j [n, R] over all modalities side by
/// side (one <see cref="FeatureBlock"/> per modality), which modalities each subject has, the error kind
/// they were computed with so a reference cannot mix squared and absolute errors, and optionally the signed
/// residuals x - x̂ [n, R] the errors were measured from (the source of the signed regional deviations).
/// </summary>
/// <remarks>
/// A subject without modality m has no errors for it: its entries in <see cref="RegionalErrors"/> are NaN
/// and <see cref="Observed"/>[i, m] is false. Every observed entry is finite. The latent of such a subject
/// came from the subset posterior of its observed modalities, so it is compared only with training controls
/// scored from the same subset (<see cref="NormativeReferenceSet"/>).
/// </remarks>
public sealed class DeviationInputs
{
    /// <summary>Inputs of subjects that have every feature (one block holding all R columns).</summary>
    /// <param name="latents">[n, d] subject latents, rows = subjects.</param>
    /// <param name="regionalErrors">[n, R] per-region errors, same subjects in the same order; all finite.</param>
    /// <param name="errorKind">How <paramref name="regionalErrors"/> were computed.</param>
    /// <param name="residuals">[n, R] signed residuals x - x̂ in the columns of <paramref name="regionalErrors"/>; null when not kept.</param>
    public DeviationInputs(double[,] latents, double[,] regionalErrors, RegionalErrorKind errorKind, double[,]? residuals = null)
        : this(latents, regionalErrors, errorKind, [new FeatureBlock("features", regionalErrors?.GetLength(1) ?? 0)], null, residuals)
    {
    }

    /// <summary>Inputs from per-modality error blocks and the observed mask (the path <c>Scorer</c> output takes).</summary>
    /// <param name="latents">[n, d] subject latents.</param>
    /// <param name="modalities">Modality names, in block order.</param>
    /// <param name="errors">Per modality the errors [n, R_m] (<see cref="RegionalError.Compute"/>); NaN rows where unobserved.</param>
    /// <param name="observed">[n, M]: whether subject i has modality m.</param>
    /// <param name="errorKind">How the errors were computed.</param>
    /// <param name="residuals">Per modality the signed residuals [n, R_m] (<see cref="RegionalError.Residual"/>), NaN rows where unobserved; null when not kept.</param>
    public DeviationInputs(double[,] latents, IReadOnlyList<string> modalities, IReadOnlyList<double[,]> errors, bool[,] observed, RegionalErrorKind errorKind,
        IReadOnlyList<double[,]>? residuals = null)
        : this(latents, RegionalError.Concatenate(errors), errorKind,
            modalities.Select((m, k) => new FeatureBlock(m, errors[k].GetLength(1))).ToArray(), observed,
            residuals is null ? null : RegionalError.Concatenate(residuals))
    {
        if (modalities.Count != errors.Count)
            throw new ArgumentException($"{modalities.Count} modality names for {errors.Count} error blocks.", nameof(modalities));
    }

    private DeviationInputs(double[,] latents, double[,] regionalErrors, RegionalErrorKind errorKind, IReadOnlyList<FeatureBlock> blocks, bool[,]? observed,
        double[,]? residuals)
    {
        ArrayInput.RequireFinite(latents, nameof(latents));
        ArgumentNullException.ThrowIfNull(regionalErrors);
        int n = latents.GetLength(0);
        if (n != regionalErrors.GetLength(0))
            throw new ArgumentException(
                $"'{nameof(latents)}' has {n} rows but '{nameof(regionalErrors)}' has {regionalErrors.GetLength(0)}; both need one row per subject.",
                nameof(regionalErrors));
        if (blocks.Sum(b => b.Width) != regionalErrors.GetLength(1))
            throw new ArgumentException($"The feature blocks cover {blocks.Sum(b => b.Width)} columns but the errors have {regionalErrors.GetLength(1)}.", nameof(blocks));
        if (observed is null)
        {
            ArrayInput.RequireFinite(regionalErrors, nameof(regionalErrors));
            if (residuals is not null) ArrayInput.RequireFinite(residuals, nameof(residuals));
            observed = new bool[n, blocks.Count];
            for (int i = 0; i < n; i++)
                for (int m = 0; m < blocks.Count; m++) observed[i, m] = true;
        }
        else
        {
            if (observed.GetLength(0) != n || observed.GetLength(1) != blocks.Count)
                throw new ArgumentException($"The observed mask is [{observed.GetLength(0)}, {observed.GetLength(1)}]; expected [{n}, {blocks.Count}].", nameof(observed));
            if (regionalErrors.GetLength(1) == 0) throw new ArgumentException($"'{nameof(regionalErrors)}' has no columns.", nameof(regionalErrors));
            for (int i = 0; i < n; i++)
            {
                int offset = 0, count = 0;
                for (int m = 0; m < blocks.Count; m++)
                {
                    if (observed[i, m])
                    {
                        count++;
                        for (int j = 0; j < blocks[m].Width; j++)
                        {
                            double value = regionalErrors[i, offset + j];
                            if (!double.IsFinite(value))
                                throw new ArgumentException($"'{nameof(regionalErrors)}' row {i + 1}, column {offset + j + 1} ({blocks[m].Modality}, observed) is {value}; every observed value must be finite.", nameof(regionalErrors));
                        }
                    }
                    offset += blocks[m].Width;
                }
                if (count == 0) throw new ArgumentException($"Row {i + 1} observes no modality; there is nothing to score.", nameof(observed));
            }
        }
        if (residuals is not null && (residuals.GetLength(0) != n || residuals.GetLength(1) != regionalErrors.GetLength(1)))
            throw new ArgumentException(
                $"'{nameof(residuals)}' is [{residuals.GetLength(0)}, {residuals.GetLength(1)}] but '{nameof(regionalErrors)}' is [{n}, {regionalErrors.GetLength(1)}].",
                nameof(residuals));
        Latents = latents;
        RegionalErrors = regionalErrors;
        ErrorKind = errorKind;
        Blocks = blocks;
        Observed = observed;
        Residuals = residuals;
    }

    /// <summary>[n, d] subject latents.</summary>
    public double[,] Latents { get; }

    /// <summary>[n, R] per-region reconstruction errors, all modalities (NaN where a modality is unobserved).</summary>
    public double[,] RegionalErrors { get; }

    /// <summary>[n, R] signed residuals x - x̂, all modalities (NaN where unobserved); null when the caller did not keep them.</summary>
    public double[,]? Residuals { get; }

    /// <summary>How the errors were computed.</summary>
    public RegionalErrorKind ErrorKind { get; }

    /// <summary>The modalities' column blocks of <see cref="RegionalErrors"/>, in order.</summary>
    public IReadOnlyList<FeatureBlock> Blocks { get; }

    /// <summary>[n, M]: whether subject i has modality m (block m).</summary>
    public bool[,] Observed { get; }

    /// <summary>Number of subjects n.</summary>
    public int Count => Latents.GetLength(0);

    /// <summary>Whether every subject has every modality.</summary>
    public bool IsComplete => Enumerable.Range(0, Count).All(i => Pattern(i).Modalities.Count == Blocks.Count);

    /// <summary>The modalities subject <paramref name="row"/> has.</summary>
    public ModalityPattern Pattern(int row) =>
        new(Blocks.Where((b, m) => Observed[row, m]).Select(b => b.Modality).ToArray());

    /// <summary>The error columns of <paramref name="pattern"/>'s modalities, in block order.</summary>
    public int[] ColumnsOf(ModalityPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        foreach (var name in pattern.Modalities)
        {
            if (!Blocks.Any(b => b.Modality == name))
                throw new ArgumentException($"Modality '{name}' is not among the inputs' modalities ({string.Join(", ", Blocks.Select(b => b.Modality))}).", nameof(pattern));
        }
        var columns = new List<int>();
        int offset = 0;
        foreach (var block in Blocks)
        {
            if (pattern.Contains(block.Modality)) columns.AddRange(Enumerable.Range(offset, block.Width));
            offset += block.Width;
        }
        return columns.ToArray();
    }

    /// <summary>
    /// The rows <paramref name="rows"/> restricted to <paramref name="pattern"/>'s modalities, as complete inputs
    /// (what a reference fitted for that pattern scores). Every row must observe every modality of the pattern.
    /// </summary>
    public DeviationInputs Restrict(IReadOnlyList<int> rows, ModalityPattern pattern)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var columns = ColumnsOf(pattern);
        var blockIndex = Blocks.Select((b, m) => (b, m)).Where(x => pattern.Contains(x.b.Modality)).ToArray();
        int d = Latents.GetLength(1);
        var latents = new double[rows.Count, d];
        var errors = new double[rows.Count, columns.Length];
        var residuals = Residuals is null ? null : new double[rows.Count, columns.Length];
        for (int r = 0; r < rows.Count; r++)
        {
            int i = rows[r];
            foreach (var (block, m) in blockIndex)
            {
                if (!Observed[i, m])
                    throw new ArgumentException($"Row {i + 1} lacks modality '{block.Modality}' of pattern {pattern}.", nameof(rows));
            }
            for (int k = 0; k < d; k++) latents[r, k] = Latents[i, k];
            for (int j = 0; j < columns.Length; j++) errors[r, j] = RegionalErrors[i, columns[j]];
            if (residuals is not null)
                for (int j = 0; j < columns.Length; j++) residuals[r, j] = Residuals![i, columns[j]];
        }
        return new DeviationInputs(latents, errors, ErrorKind, blockIndex.Select(x => x.b).ToArray(), null, residuals);
    }
}
