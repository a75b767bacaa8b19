namespace Normative.Deviation;

/// <summary>
/// The positive likelihood ratio of an outlier rule with its 2 x 2 counts (paper §4.3):
/// LR+ = TPR / FPR, TPR = k_p / n_p (outliers among patients), FPR = k_c / n_c (outliers among
/// held-out controls); Haldane-corrected LR+ = ((k_p + 0.5)/(n_p + 1)) / ((k_c + 0.5)/(n_c + 1)).
/// </summary>
/// <remarks>
/// The counts are kept because with 48 held-out controls and alpha = 0.001 a calibrated model
/// expects 0.05 control outliers, so FPR is usually 0 and LR+ infinite (domain-notes §0 item 2).
/// The Haldane (Haldane-Anscombe) correction adds 0.5 to every cell of the 2 x 2 table and is
/// always finite; it is reported for every table, not only the degenerate ones, so values stay comparable.
/// No field is ever NaN: see <see cref="LikelihoodRatioStatus"/> for the value each case reports.
/// </remarks>
/// <param name="PatientOutliers">k_p.</param>
/// <param name="Patients">n_p.</param>
/// <param name="ControlOutliers">k_c.</param>
/// <param name="Controls">n_c.</param>
public sealed record LikelihoodRatio(int PatientOutliers, int Patients, int ControlOutliers, int Controls)
{
    /// <summary>TPR = k_p / n_p (0 when n_p = 0).</summary>
    public double TruePositiveRate => Patients == 0 ? 0 : (double)PatientOutliers / Patients;

    /// <summary>FPR = k_c / n_c (0 when n_c = 0).</summary>
    public double FalsePositiveRate => Controls == 0 ? 0 : (double)ControlOutliers / Controls;

    /// <summary>Which case of the definition applies.</summary>
    public LikelihoodRatioStatus Status =>
        Patients == 0 || Controls == 0 ? LikelihoodRatioStatus.EmptyGroup
        : PatientOutliers == 0 ? LikelihoodRatioStatus.ZeroTruePositives
        : ControlOutliers == 0 ? LikelihoodRatioStatus.InfiniteZeroFalsePositives
        : LikelihoodRatioStatus.Finite;

    /// <summary>LR+ = TPR / FPR; +infinity, 0 or 0 per <see cref="Status"/>.</summary>
    public double Value => Status switch
    {
        LikelihoodRatioStatus.Finite => TruePositiveRate / FalsePositiveRate,
        LikelihoodRatioStatus.InfiniteZeroFalsePositives => double.PositiveInfinity,
        _ => 0.0,
    };

    /// <summary>((k_p + 0.5)/(n_p + 1)) / ((k_c + 0.5)/(n_c + 1)); 0 for an empty group.</summary>
    public double HaldaneCorrected => Status == LikelihoodRatioStatus.EmptyGroup
        ? 0.0
        : ((PatientOutliers + 0.5) / (Patients + 1.0)) / ((ControlOutliers + 0.5) / (Controls + 1.0));
}
