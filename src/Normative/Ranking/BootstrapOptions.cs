namespace Normative.Ranking;

/// <summary>How the ranking statistics' bootstrap intervals are drawn.</summary>
/// <param name="Replicates">B. Range: &gt;= 1 (1000 by default; the 2.5 % and 97.5 % percentiles then rest on 25 replicates each).</param>
/// <param name="Level">Coverage. Range: (0, 1).</param>
/// <param name="Seed">Seed of the resampling; the same seed gives the same intervals.</param>
/// <param name="MaxFpr">FPR limit of the partial AUROC. Range: (0, 1].</param>
public sealed record BootstrapOptions(int Replicates = 1000, double Level = 0.95, int Seed = 20260415, double MaxFpr = 0.1)
{
    internal void Validate()
    {
        if (Replicates < 1) throw new ArgumentOutOfRangeException(nameof(Replicates), Replicates, "At least one replicate is needed.");
        if (!(Level > 0 && Level < 1)) throw new ArgumentOutOfRangeException(nameof(Level), Level, "Level must lie in (0, 1).");
        if (!(MaxFpr > 0 && MaxFpr <= 1)) throw new ArgumentOutOfRangeException(nameof(MaxFpr), MaxFpr, "MaxFpr must lie in (0, 1].");
    }
}
