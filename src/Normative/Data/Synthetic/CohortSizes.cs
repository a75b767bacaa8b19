using System.Globalization;

namespace Normative.Data.Synthetic;

/// <summary>Number of subjects per group of the synthetic cohort.</summary>
/// <param name="TrainControls">Amyloid-negative CDR 0 controls in the training split.</param>
/// <param name="HoldoutControls">Amyloid-negative CDR 0 controls held out.</param>
/// <param name="Preclinical">CDR 0, amyloid-positive.</param>
/// <param name="Cdr05">CDR 0.5, amyloid-positive.</param>
/// <param name="Cdr1Plus">CDR 1 or more, amyloid-positive.</param>
/// <param name="AmyloidNegativeCdr05">CDR 0.5, amyloid-negative: impairment not due to AD (stage
/// <see cref="ClinicalStage.AmyloidNegativeImpaired"/>, test split, outside the paper's groups). Optional, default 0.</param>
public sealed record CohortSizes(int TrainControls, int HoldoutControls, int Preclinical, int Cdr05, int Cdr1Plus, int AmyloidNegativeCdr05 = 0)
{
    /// <summary>The paper's group sizes (mmSIVAE §4.1): 248 / 48 / 305 / 236 / 185, no amyloid-negative impaired arm.</summary>
    public static CohortSizes Paper { get; } = new(248, 48, 305, 236, 185);

    public int Total => TrainControls + HoldoutControls + Preclinical + Cdr05 + Cdr1Plus + AmyloidNegativeCdr05;

    /// <summary>Every group multiplied by <paramref name="factor"/> and rounded, keeping at least 2 training controls
    /// (z-scoring needs two) and at least 1 subject per other group (an empty optional group stays empty).</summary>
    public CohortSizes Scale(double factor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        int S(int n, int min) => Math.Max(min, (int)Math.Round(n * factor, MidpointRounding.AwayFromZero));
        return new CohortSizes(S(TrainControls, 2), S(HoldoutControls, 1), S(Preclinical, 1), S(Cdr05, 1), S(Cdr1Plus, 1),
            AmyloidNegativeCdr05 == 0 ? 0 : S(AmyloidNegativeCdr05, 1));
    }

    /// <summary>Parses "train,holdout,preclinical,cdr05,cdr1plus[,aneg_cdr05]" (e.g. "248,48,305,236,185" or
    /// "248,48,305,236,185,100") or the word "paper".</summary>
    public static CohortSizes Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Trim().Equals("paper", StringComparison.OrdinalIgnoreCase)) return Paper;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is not (5 or 6) || !parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            throw new FormatException($"'{text}' is not five or six comma-separated counts train,holdout,preclinical,cdr05,cdr1plus[,aneg_cdr05] (e.g. 248,48,305,236,185).");
        var n = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        if (n[0] < 2) throw new FormatException("At least 2 training controls are needed (their SD normalises every region).");
        return new CohortSizes(n[0], n[1], n[2], n[3], n[4], n.Length == 6 ? n[5] : 0);
    }

    /// <summary>Five counts, or six when the amyloid-negative impaired arm is not empty (what <see cref="Parse"/> reads back).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{TrainControls},{HoldoutControls},{Preclinical},{Cdr05},{Cdr1Plus}{(AmyloidNegativeCdr05 > 0 ? $",{AmyloidNegativeCdr05}" : "")}");
}
