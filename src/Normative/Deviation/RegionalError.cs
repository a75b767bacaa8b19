namespace Normative.Deviation;

/// <summary>
/// Per-region reconstruction errors d_ij = (x_ij - x̂_ij)^2 or |x_ij - x̂_ij| of the z-scored inputs
/// (paper §3.4: d_j = [d_j^1, ..., d_j^R], the input of D_mf and Z_mf).
/// </summary>
public static class RegionalError
{
    /// <summary>
    /// Element-wise error of <paramref name="reconstructions"/> against <paramref name="inputs"/> (both [n, R]):
    /// the one place per-region errors are computed (the scorer's output goes through it too); the measure of
    /// <see cref="Residual"/>.
    /// </summary>
    /// <param name="inputs">z-scored inputs [n, R].</param>
    /// <param name="reconstructions">Reconstructions [n, R].</param>
    /// <param name="kind">Squared or absolute error.</param>
    /// <param name="observed">Per row whether the subject has this modality; null means every row. An
    /// unobserved row's errors are NaN (there is nothing to compare with) and its inputs are not read.</param>
    public static double[,] Compute(double[,] inputs, double[,] reconstructions, RegionalErrorKind kind, IReadOnlyList<bool>? observed = null)
    {
        Func<double, double> measure = kind switch
        {
            RegionalErrorKind.Squared => e => e * e,
            RegionalErrorKind.Absolute => Math.Abs,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown regional error kind."),
        };
        var errors = Residual(inputs, reconstructions, observed);
        // NaN (an unobserved row) stays NaN under both measures.
        for (int i = 0; i < errors.GetLength(0); i++)
            for (int j = 0; j < errors.GetLength(1); j++) errors[i, j] = measure(errors[i, j]);
        return errors;
    }

    /// <summary>
    /// The signed residual r_ij = x_ij - x̂_ij of the z-scored inputs (both [n, R]): the error before squaring,
    /// whose sign says in which direction a subject deviates from the model's prediction.
    /// </summary>
    /// <param name="observed">As for <see cref="Compute"/>: unobserved rows are NaN.</param>
    public static double[,] Residual(double[,] inputs, double[,] reconstructions, IReadOnlyList<bool>? observed = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(reconstructions);
        int n = inputs.GetLength(0), r = inputs.GetLength(1);
        if (reconstructions.GetLength(0) != n || reconstructions.GetLength(1) != r)
            throw new ArgumentException(
                $"Reconstructions are [{reconstructions.GetLength(0)}, {reconstructions.GetLength(1)}] but inputs are [{n}, {r}].", nameof(reconstructions));
        if (observed is not null && observed.Count != n)
            throw new ArgumentException($"The observed mask has {observed.Count} rows but inputs have {n}.", nameof(observed));
        var residuals = new double[n, r];
        for (int i = 0; i < n; i++)
        {
            bool seen = observed?[i] ?? true;
            for (int j = 0; j < r; j++)
            {
                if (!seen)
                {
                    residuals[i, j] = double.NaN;
                    continue;
                }
                if (!(double.IsFinite(inputs[i, j]) && double.IsFinite(reconstructions[i, j])))
                    throw new ArgumentException($"Row {i + 1}, column {j + 1}: input {inputs[i, j]} or reconstruction {reconstructions[i, j]} is not finite.", nameof(inputs));
                residuals[i, j] = inputs[i, j] - reconstructions[i, j];
            }
        }
        return residuals;
    }

    /// <summary>
    /// Joins per-modality error blocks [n, R_m] side by side into one [n, sum_m R_m] matrix, in the given
    /// order (MRI then amyloid gives the paper's 90 + 90 = 180 D_mf features).
    /// </summary>
    public static double[,] Concatenate(IReadOnlyList<double[,]> modalities)
    {
        ArgumentNullException.ThrowIfNull(modalities);
        if (modalities.Count == 0) throw new ArgumentException("At least one modality is required.", nameof(modalities));
        int n = modalities[0].GetLength(0);
        for (int m = 0; m < modalities.Count; m++)
        {
            if (modalities[m].GetLength(0) != n)
                throw new ArgumentException($"Modality {m + 1} has {modalities[m].GetLength(0)} rows; modality 1 has {n}.", nameof(modalities));
        }
        var joined = new double[n, modalities.Sum(b => b.GetLength(1))];
        int offset = 0;
        foreach (double[,] block in modalities)
        {
            for (int i = 0; i < n; i++)
                for (int j = 0; j < block.GetLength(1); j++) joined[i, offset + j] = block[i, j];
            offset += block.GetLength(1);
        }
        return joined;
    }
}
