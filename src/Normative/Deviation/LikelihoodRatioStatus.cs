namespace Normative.Deviation;

/// <summary>Which case of the positive likelihood ratio's definition applied.</summary>
public enum LikelihoodRatioStatus
{
    /// <summary>TPR &gt; 0 and FPR &gt; 0: LR+ = TPR / FPR.</summary>
    Finite,

    /// <summary>TPR &gt; 0 and no held-out control is an outlier: LR+ = +infinity (use <see cref="LikelihoodRatio.HaldaneCorrected"/> for a finite number).</summary>
    InfiniteZeroFalsePositives,

    /// <summary>No patient is an outlier: LR+ = 0 (also when FPR = 0, where TPR / FPR would be 0/0).</summary>
    ZeroTruePositives,

    /// <summary>The patient or the control group has no subjects: nothing is defined; LR+ and the corrected value are reported as 0.</summary>
    EmptyGroup,
}
