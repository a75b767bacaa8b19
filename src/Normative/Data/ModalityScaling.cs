namespace Normative.Data;

/// <summary>
/// The fitted normalisation of one modality: optional division by ICV, then per-region z-scoring with the
/// training controls' statistics, <c>z_j = (x_j / ICV - mu_j) / sigma_j</c> with sigma the population
/// standard deviation (ddof = 0, as the authors' released code uses <c>np.std</c>).
/// </summary>
/// <param name="Name">Modality name.</param>
/// <param name="RegionSet">Region set the statistics were fitted on.</param>
/// <param name="Regions">Region ids in feature order.</param>
/// <param name="DividesByIcv">Whether raw values are divided by ICV before z-scoring.</param>
/// <param name="Mean">Training-control mean per region (of the ICV-divided value when <paramref name="DividesByIcv"/>).</param>
/// <param name="Sd">Training-control standard deviation per region (ddof = 0). Range: &gt; 0.</param>
public sealed record ModalityScaling(string Name, string RegionSet, string[] Regions, bool DividesByIcv, double[] Mean, double[] Sd)
{
    /// <summary>Fits the statistics on the observed rows among <paramref name="trainingRows"/>.</summary>
    public static ModalityScaling Fit(Cohort cohort, ModalityTable table, IReadOnlyList<int> trainingRows)
    {
        var rows = trainingRows.Where(table.IsObserved).ToArray();
        if (rows.Length == 0) throw new InvalidOperationException($"No training control has modality '{table.Name}'.");
        bool icv = table.Entry.DividesByIcv;
        return FitValues(table, rows.Select(i => Enumerable.Range(0, table.Regions.Count).Select(j => Value(cohort, table, i, j, icv)).ToArray()).ToArray());
    }

    /// <summary>Fits the statistics on already divided (and, when harmonised, ComBat-adjusted) values, one row per training control.</summary>
    public static ModalityScaling FitValues(ModalityTable table, IReadOnlyList<double[]> values)
    {
        if (values.Count == 0) throw new InvalidOperationException($"No training control has modality '{table.Name}'.");
        int p = table.Regions.Count;
        var mean = new double[p];
        var sd = new double[p];
        for (int j = 0; j < p; j++)
        {
            // Two passes (mean, then squared deviations) rather than E[x^2] - E[x]^2: ICV-divided volumes
            // are ~1e-3 with small spread, where the one-pass formula loses most significant digits.
            double sum = 0;
            foreach (var row in values) sum += row[j];
            double m = sum / values.Count, squares = 0;
            foreach (var row in values) squares += Math.Pow(row[j] - m, 2);
            mean[j] = m;
            sd[j] = Math.Sqrt(squares / values.Count);
            if (!(sd[j] > 0))
                throw new InvalidOperationException($"Region '{table.Regions.Regions[j].Id}' of modality '{table.Name}' has zero variance in the training controls.");
        }
        return new ModalityScaling(table.Name, table.Regions.Name, table.Regions.Ids.ToArray(), table.Entry.DividesByIcv, mean, sd);
    }

    /// <summary>The raw values divided by ICV when this modality does so (the space ComBat works in).</summary>
    public double[] Divide(ReadOnlySpan<double> raw, double? icvMm3)
    {
        CheckLength(raw.Length);
        double icv = DividesByIcv ? icvMm3 ?? throw new ArgumentNullException(nameof(icvMm3), $"Modality '{Name}' divides by ICV; the subject has none.") : 1;
        var divided = new double[raw.Length];
        for (int j = 0; j < raw.Length; j++) divided[j] = DividesByIcv ? raw[j] / icv : raw[j];
        return divided;
    }

    /// <summary>z-scores of divided (and possibly harmonised) values.</summary>
    public double[] Standardise(ReadOnlySpan<double> divided)
    {
        CheckLength(divided.Length);
        var z = new double[divided.Length];
        for (int j = 0; j < divided.Length; j++) z[j] = (divided[j] - Mean[j]) / Sd[j];
        return z;
    }

    /// <summary>z-scores of one subject's raw values.</summary>
    public double[] Normalise(ReadOnlySpan<double> raw, double? icvMm3)
    {
        CheckLength(raw.Length);
        double icv = DividesByIcv ? icvMm3 ?? throw new ArgumentNullException(nameof(icvMm3), $"Modality '{Name}' divides by ICV; the subject has none.") : 1;
        var z = new double[raw.Length];
        for (int j = 0; j < raw.Length; j++)
            z[j] = ((DividesByIcv ? raw[j] / icv : raw[j]) - Mean[j]) / Sd[j];
        return z;
    }

    /// <summary>Raw values (mm³ or SUVR) of z-scores: the inverse of <see cref="Normalise"/>.</summary>
    public double[] InverseTransform(ReadOnlySpan<double> z, double? icvMm3)
    {
        CheckLength(z.Length);
        double icv = DividesByIcv ? icvMm3 ?? throw new ArgumentNullException(nameof(icvMm3), $"Modality '{Name}' divides by ICV; the subject has none.") : 1;
        var raw = new double[z.Length];
        for (int j = 0; j < z.Length; j++)
        {
            double x = z[j] * Sd[j] + Mean[j];
            raw[j] = DividesByIcv ? x * icv : x;
        }
        return raw;
    }

    private void CheckLength(int length)
    {
        if (length != Regions.Length) throw new ArgumentException($"Modality '{Name}' has {Regions.Length} regions; got {length} values.");
    }

    private static double Value(Cohort cohort, ModalityTable table, int i, int j, bool icv) =>
        icv ? table.Row(i)![j] / cohort.Subjects[i].RequireIcv() : table.Row(i)![j];
}
