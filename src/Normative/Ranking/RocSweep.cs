namespace Normative.Ranking;

/// <summary>
/// The empirical ROC curve of one score, controls (negatives) against patients (positives), walked from the
/// highest score down in groups of tied scores, with an optional multiplicity per subject — so a bootstrap
/// replicate (subjects drawn with replacement) reuses the one sort instead of sorting again.
/// </summary>
/// <remarks>
/// A tied group of negatives and positives is one diagonal ROC segment; integrating it as a trapezoid counts each
/// tied (positive, negative) pair as one half, which is exactly the Mann-Whitney convention of
/// <see cref="Experiments.AreaUnderRoc"/>, so the full area here equals that AUROC.
/// </remarks>
internal sealed class RocSweep
{
    private readonly int[] _order;      // subject indices, controls 0..nc-1, patients nc..nc+np-1, by descending score
    private readonly int[] _groupStart; // start of each tied group in _order, plus a sentinel

    public RocSweep(IReadOnlyList<double> controls, IReadOnlyList<double> patients)
    {
        ArgumentNullException.ThrowIfNull(controls);
        ArgumentNullException.ThrowIfNull(patients);
        if (controls.Count == 0 || patients.Count == 0)
            throw new ArgumentException($"A ROC curve needs at least one control and one patient; got {controls.Count} and {patients.Count}.");
        ControlCount = controls.Count;
        PatientCount = patients.Count;
        var scores = new double[ControlCount + PatientCount];
        for (int i = 0; i < ControlCount; i++) scores[i] = Finite(controls[i], "control", i);
        for (int i = 0; i < PatientCount; i++) scores[ControlCount + i] = Finite(patients[i], "patient", i);
        _order = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ToArray();
        var starts = new List<int> { 0 };
        for (int r = 1; r < _order.Length; r++)
            if (scores[_order[r]] != scores[_order[r - 1]]) starts.Add(r);
        starts.Add(_order.Length);
        _groupStart = starts.ToArray();
    }

    public int ControlCount { get; }

    public int PatientCount { get; }

    /// <summary>Area under the whole curve; <paramref name="weights"/> (one multiplicity per subject, controls then patients) or null for 1 each.</summary>
    public double Area(int[]? weights = null) => PartialArea(1.0, weights);

    /// <summary>Area under the curve for FPR in [0, <paramref name="maxFpr"/>] (no standardisation).</summary>
    public double PartialArea(double maxFpr, int[]? weights = null)
    {
        double negatives = 0, positives = 0;
        for (int i = 0; i < _order.Length; i++)
        {
            double w = weights is null ? 1 : weights[i];
            if (i < ControlCount) negatives += w; else positives += w;
        }
        if (negatives == 0 || positives == 0) return double.NaN;
        double area = 0, fpr0 = 0, tpr0 = 0, cumulativeNegatives = 0, cumulativePositives = 0;
        for (int g = 0; g + 1 < _groupStart.Length; g++)
        {
            for (int r = _groupStart[g]; r < _groupStart[g + 1]; r++)
            {
                int i = _order[r];
                double w = weights is null ? 1 : weights[i];
                if (i < ControlCount) cumulativeNegatives += w; else cumulativePositives += w;
            }
            double fpr1 = cumulativeNegatives / negatives, tpr1 = cumulativePositives / positives;
            if (fpr1 >= maxFpr)
            {
                // The last segment is cut at maxFpr by linear interpolation along the (possibly diagonal) segment.
                double t = fpr1 > fpr0 ? (maxFpr - fpr0) / (fpr1 - fpr0) : 0;
                area += (maxFpr - fpr0) * (tpr0 + tpr0 + t * (tpr1 - tpr0)) / 2;
                return area;
            }
            area += (fpr1 - fpr0) * (tpr0 + tpr1) / 2;
            fpr0 = fpr1;
            tpr0 = tpr1;
        }
        return area;
    }

    /// <summary>
    /// The full area and the partial area up to <paramref name="maxFpr"/> in one walk down the curve, for a bootstrap
    /// replicate whose group totals are known (<paramref name="negatives"/>, <paramref name="positives"/>: the sums of the
    /// controls' and patients' multiplicities). Bit for bit what <see cref="Area"/> and <see cref="PartialArea"/> return:
    /// the same running sum and the same closing formula at each cut, so a bootstrap gets both for the price of one
    /// (and skips the pass that counts the totals).
    /// </summary>
    public (double Full, double Partial) Areas(double maxFpr, int[] weights, double negatives, double positives)
    {
        if (negatives == 0 || positives == 0) return (double.NaN, double.NaN);
        double area = 0, fpr0 = 0, tpr0 = 0, cumulativeNegatives = 0, cumulativePositives = 0, partial = double.NaN;
        bool partialDone = false;
        int controls = ControlCount;
        for (int g = 0; g + 1 < _groupStart.Length; g++)
        {
            for (int r = _groupStart[g]; r < _groupStart[g + 1]; r++)
            {
                int i = _order[r];
                if (i < controls) cumulativeNegatives += weights[i]; else cumulativePositives += weights[i];
            }
            double fpr1 = cumulativeNegatives / negatives, tpr1 = cumulativePositives / positives;
            if (!partialDone && fpr1 >= maxFpr)
            {
                double t = fpr1 > fpr0 ? (maxFpr - fpr0) / (fpr1 - fpr0) : 0;
                partial = area + (maxFpr - fpr0) * (tpr0 + tpr0 + t * (tpr1 - tpr0)) / 2;
                partialDone = true;
            }
            if (fpr1 >= 1.0)
            {
                double t = fpr1 > fpr0 ? (1.0 - fpr0) / (fpr1 - fpr0) : 0;
                double full = area + (1.0 - fpr0) * (tpr0 + tpr0 + t * (tpr1 - tpr0)) / 2;
                return (full, partialDone ? partial : full);
            }
            area += (fpr1 - fpr0) * (tpr0 + tpr1) / 2;
            fpr0 = fpr1;
            tpr0 = tpr1;
        }
        return (area, partialDone ? partial : area);
    }

    private static double Finite(double value, string group, int index) => double.IsFinite(value)
        ? value
        : throw new ArgumentException($"The score of {group} {index + 1} is {value}; every score must be finite.");
}
