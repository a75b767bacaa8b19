namespace Normative.Experiments.MmNormVae;

/// <summary>How the clinical study's scanner differences are handled before its subjects are scored.</summary>
public enum SiteHandling
{
    /// <summary>Nothing: the clinical study is z-scored with the control study's statistics, its shift left in.</summary>
    None,

    /// <summary>ComBat fitted on the control study's training controls only, then each clinical site's location and scale
    /// estimated from that site's adaptation controls (<c>score --adapt-site</c>).</summary>
    ComBatAdapted,
}
